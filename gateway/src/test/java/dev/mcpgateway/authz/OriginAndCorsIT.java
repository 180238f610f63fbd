package dev.mcpgateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Pipeline steps 1–2: Origin validation before authentication, and CORS for browser clients. */
class OriginAndCorsIT extends GatewayIntegrationTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    @Test
    void disallowedOriginGets403BeforeAnyAuthCheck() {
        int before = PEERS.upstream.count();
        client().post()
                .uri("/test/mcp")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PING)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.jsonrpc")
                .isEqualTo("2.0")
                .jsonPath("$.error.message")
                .isEqualTo("Origin not allowed");
        client().post()
                .uri("/test/mcp")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .headers(h -> h.setBearerAuth(validToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PING)
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void allowedOriginGetsAChallengeItsBrowserCanRead() {
        client().post()
                .uri("/test/mcp")
                .header(HttpHeaders.ORIGIN, "https://app.example.com")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PING)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.com")
                .expectHeader()
                .valueEquals(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        "WWW-Authenticate, Mcp-Session-Id, Retry-After, RateLimit, RateLimit-Policy");
    }

    @Test
    void allowedOriginReachesTheUpstreamWithCorsHeadersOnTheResponse() {
        client().post()
                .uri("/test/mcp")
                .header(HttpHeaders.ORIGIN, "https://app.example.com")
                .headers(h -> h.setBearerAuth(validToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PING)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.com")
                .expectHeader()
                .valueEquals(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        "WWW-Authenticate, Mcp-Session-Id, Retry-After, RateLimit, RateLimit-Policy");
    }

    @Test
    void preflightIsAnsweredWithoutATokenAndAllowsTheMcpHeaders() {
        int before = PEERS.upstream.count();
        client().options()
                .uri("/test/mcp")
                .header(HttpHeaders.ORIGIN, "https://app.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type, mcp-session-id")
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.com")
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        allowed -> assertThat(allowed)
                                .contains(
                                        "Authorization",
                                        "Content-Type",
                                        "Mcp-Session-Id",
                                        "MCP-Protocol-Version",
                                        "Last-Event-ID",
                                        "Mcp-Method",
                                        "Mcp-Name"))
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                        methods -> assertThat(methods).contains("GET", "POST", "DELETE"));
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void preflightFromDisallowedOriginIsRefused() {
        client().options()
                .uri("/test/mcp")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void requestWithoutOriginIsNotSubjectToOriginChecks() {
        client().post()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(validToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PING)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}
