package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The statuses an upstream may not hand to an MCP client. */
class UpstreamStatusFilterTest {

    @Test
    void informationalRedirectAndAuthenticationStatusesAreRefused() {
        for (int status : new int[] {100, 101, 103, 300, 301, 302, 303, 304, 307, 308, 401, 407}) {
            assertThat(UpstreamStatusFilter.refused(status)).as("%d", status).isTrue();
        }
    }

    @Test
    void successesAndOtherErrorsPass() {
        for (int status : new int[] {200, 202, 204, 400, 403, 404, 405, 409, 429, 500, 502, 503}) {
            assertThat(UpstreamStatusFilter.refused(status)).as("%d", status).isFalse();
        }
    }
}
