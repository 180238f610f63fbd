package dev.mcpgateway.discovery;

import dev.mcpgateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Without {@code gateway.legacy-authorization-server-metadata} the gateway's origin publishes no authorization-server
 * metadata: MCP 2025-03-26 clients get {@code 404} (the enabled case is proven in
 * {@code token.SeveralIssuersOnOneRouteIT}).
 */
class LegacyAuthorizationServerMetadataIT extends GatewayIntegrationTest {

    @Test
    void legacyMetadataIsNotFoundWhenNotEnabled() {
        client().get()
                .uri("/.well-known/oauth-authorization-server")
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
