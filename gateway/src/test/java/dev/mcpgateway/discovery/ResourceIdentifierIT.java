package dev.mcpgateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The resource identifier is the same bytes everywhere (RFC 8707, RFC 9728 §3.3; MCP 2026-07-28 authorization,
 * "Canonical Server URI"): the metadata's {@code resource}, the {@code resource_metadata} of a challenge, the audience
 * a token must carry and the route's URL; no trailing slash is added and no case changed. A token whose audience
 * writes the scheme and host in uppercase names the same resource; a trailing slash or another path case does not.
 */
class ResourceIdentifierIT extends GatewayIntegrationTest {

    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

    @Test
    void metadataResourceIsTheRouteUrlByteForByte() {
        byte[] document = client().get()
                .uri("/.well-known/oauth-protected-resource/test/mcp")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        assertThat(new String(document, StandardCharsets.UTF_8))
                .contains("\"resource\":\"" + PEERS.baseUrl() + "/test/mcp\"");
        String challenge = client().post()
                .uri("/test/mcp")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CALL)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst(HttpHeaders.WWW_AUTHENTICATE);
        assertThat(challenge)
                .contains(
                        "resource_metadata=\"" + PEERS.baseUrl() + "/.well-known/oauth-protected-resource/test/mcp\"");
    }

    @Test
    void audienceWithUppercaseSchemeAndHostIsTheSameResource() {
        String upper = PEERS.baseUrl().toUpperCase(Locale.ROOT) + "/test/mcp";
        assertThat(upper).startsWith("HTTP://127.0.0.1:");
        callWithAudience(upper, 200);
        callWithAudience("Http://127.0.0.1:" + PEERS.gatewayPort + "/test/mcp", 200);
    }

    @Test
    void trailingSlashOrAnotherPathCaseIsAnotherResource() {
        callWithAudience(PEERS.resource() + "/", 401);
        callWithAudience(PEERS.baseUrl() + "/TEST/mcp", 401);
        callWithAudience(PEERS.baseUrl() + "/test/mcp?x", 401);
    }

    private void callWithAudience(String audience, int status) {
        client().post()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(PEERS.authorizationServer.token(audience, "mcp:access")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CALL)
                .exchange()
                .expectStatus()
                .isEqualTo(status);
    }
}
