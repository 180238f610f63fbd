package dev.mcpgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.token.TokenRejection;
import dev.mcpgateway.web.GatewayError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Every refusal maps to a bounded outcome and reason; nothing request-specific becomes a tag. */
class OutcomeTest {

    @Test
    void challengesAreClassifiedByTheirTokenRejection() {
        assertThat(Outcome.of(GatewayError.missingToken()))
                .isEqualTo(new Outcome("unauthorized", "missing_token", "deny"));
        assertThat(Outcome.of(GatewayError.invalidToken(TokenRejection.EXPIRED.description())))
                .isEqualTo(new Outcome("unauthorized", "expired", "deny"));
        assertThat(Outcome.of(GatewayError.invalidToken("Some library's own description with a value")))
                .isEqualTo(new Outcome("unauthorized", "invalid_token", "deny"));
        assertThat(Outcome.of(GatewayError.insufficientScope(List.of("admin"))))
                .isEqualTo(new Outcome("forbidden", "insufficient_scope", "deny"));
        assertThat(Outcome.of(GatewayError.invalidRequest("token in the query")))
                .isEqualTo(new Outcome("bad_request", "invalid_request", "deny"));
    }

    @Test
    void rateLimitsUpstreamFailuresAndJsonRpcRefusalsKeepTheirFixedCodes() {
        assertThat(Outcome.of(GatewayError.rateLimited("tenant", 3)))
                .isEqualTo(new Outcome("rate_limited", "tenant", "deny"));
        assertThat(Outcome.of(GatewayError.jsonRpc(
                        HttpStatus.BAD_GATEWAY, -32000, "unreachable", Map.of("reason", "upstream_unreachable"))))
                .isEqualTo(new Outcome("upstream_error", "upstream_unreachable", "error"));
        assertThat(Outcome.of(GatewayError.jsonRpc(HttpStatus.PAYLOAD_TOO_LARGE, -32600, "too large", Map.of())))
                .isEqualTo(new Outcome("payload_too_large", "invalid_request", "deny"));
        assertThat(Outcome.of(
                        GatewayError.jsonRpc(HttpStatus.OK, -32000, "denied", Map.of("error", "tool_not_permitted"))))
                .isEqualTo(new Outcome("forbidden", "tool_not_permitted", "deny"));
        assertThat(Outcome.of(GatewayError.forbiddenOrigin())).isEqualTo(new Outcome("forbidden", "http_403", "deny"));
        assertThat(Outcome.of(GatewayError.authorizationServerUnavailable()))
                .isEqualTo(new Outcome("unavailable", "http_503", "error"));
    }
}
