package dev.mcpgateway.discovery;

import dev.mcpgateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Pipeline step 3: RFC 9728 documents, public, CORS-enabled and cacheable. */
class ProtectedResourceMetadataIT extends GatewayIntegrationTest {

    @Test
    void routeDocumentIsServedAtThePathInsertedWellKnownUri() {
        client().get()
                .uri("/.well-known/oauth-protected-resource/test/mcp")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofMinutes(1))
                        .cachePublic())
                .expectBody()
                .jsonPath("$.resource")
                .isEqualTo(PEERS.resource())
                .jsonPath("$.authorization_servers[0]")
                .isEqualTo(PEERS.authorizationServer.issuer())
                .jsonPath("$.authorization_servers.length()")
                .isEqualTo(1)
                .jsonPath("$.scopes_supported[0]")
                .isEqualTo("mcp:access")
                .jsonPath("$.bearer_methods_supported[0]")
                .isEqualTo("header")
                .jsonPath("$.resource_name")
                .isEqualTo("Test MCP server");
    }

    @Test
    void documentIsPublicEvenWithAnInvalidTokenAndAnyOrigin() {
        client().get()
                .uri("/.well-known/oauth-protected-resource/test/mcp")
                .headers(h -> h.setBearerAuth("garbage"))
                .header(HttpHeaders.ORIGIN, "https://anywhere.example.org")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    }

    @Test
    void originDocumentListsEveryTrustedAuthorizationServer() {
        client().get()
                .uri("/.well-known/oauth-protected-resource")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.resource")
                .isEqualTo(PEERS.baseUrl())
                .jsonPath("$.authorization_servers.length()")
                .isEqualTo(3)
                .jsonPath("$.bearer_methods_supported[0]")
                .isEqualTo("header");
    }

    @Test
    void unknownRouteHasNoDocument() {
        client().get()
                .uri("/.well-known/oauth-protected-resource/unknown/mcp")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void suffixAppendedAfterThePathIsNotADiscoveryLocation() {
        client().get()
                .uri("/test/mcp/.well-known/oauth-protected-resource")
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
