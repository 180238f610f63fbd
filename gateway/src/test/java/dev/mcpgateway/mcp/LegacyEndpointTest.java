package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.config.ResilienceConfig;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.config.RouteRateLimits;
import dev.mcpgateway.config.ScopeHierarchy;
import dev.mcpgateway.config.StreamsConfig;
import dev.mcpgateway.config.TimeoutsConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The upstream's announced message endpoint is kept private; clients get the gateway's. */
class LegacyEndpointTest {

    private static final URI UPSTREAM = URI.create("http://10.0.0.5:8080/sse");

    @Test
    void relativeEndpointKeepsPathQueryAndSessionId() {
        LegacyEndpoint endpoint = LegacyEndpoint.from(UPSTREAM, "/mcp/message?sessionId=abc-1");
        assertThat(endpoint).isEqualTo(new LegacyEndpoint("abc-1", "/mcp/message?sessionId=abc-1"));
        assertThat(endpoint.publicEndpoint(route())).isEqualTo("/legacy/sse/message?sessionId=abc-1");
    }

    @Test
    void absoluteSameOriginEndpointAndPythonStyleParameterAreAccepted() {
        assertThat(LegacyEndpoint.from(UPSTREAM, " http://10.0.0.5:8080/messages/?session_id=f00%2B1 \n"))
                .isEqualTo(new LegacyEndpoint("f00+1", "/messages/?session_id=f00%2B1"));
    }

    @Test
    void endpointWithoutSessionParameterGetsAnIdMintedByTheGateway() {
        LegacyEndpoint endpoint = LegacyEndpoint.from(UPSTREAM, "/messages/abc");
        assertThat(endpoint.upstreamEndpoint()).isEqualTo("/messages/abc");
        assertThat(endpoint.sessionId()).hasSize(36);
    }

    @Test
    void endpointOnAnotherOriginIsRefused() {
        assertThatThrownBy(() -> LegacyEndpoint.from(UPSTREAM, "http://169.254.169.254/latest?sessionId=1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LegacyEndpoint.from(UPSTREAM, "//evil.example.com/m?sessionId=1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RouteConfig route() {
        return new RouteConfig(
                "legacy",
                "legacy",
                "/legacy/sse",
                "http://gw/legacy/sse",
                UPSTREAM,
                List.of("a"),
                Set.of(),
                List.of(),
                TimeoutsConfig.DEFAULTS,
                Map.of(),
                null,
                RouteRateLimits.NONE,
                RouteConfig.Transport.SSE,
                RouteConfig.Eras.BOTH,
                Map.of(),
                Map.of(),
                RouteConfig.DenyAs.CHALLENGE,
                ResilienceConfig.DEFAULTS,
                StreamsConfig.DEFAULTS,
                Map.of(),
                Map.of(),
                ScopeHierarchy.NONE,
                false);
    }
}
