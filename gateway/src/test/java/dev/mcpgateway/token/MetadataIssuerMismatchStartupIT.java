package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mcpgateway.config.ConfigException;
import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.core.NestedExceptionUtils;

/**
 * RFC 8414 §3.3: the metadata's {@code issuer} must be identical to the configured issuer. A mismatch is a
 * configuration error that stops start-up (the check runs before the web server starts), naming the route and both
 * values.
 */
class MetadataIssuerMismatchStartupIT {

    @Test
    void issuerMismatchInDiscoveredMetadataFailsStartUpNamingTheRouteAndBothValues() throws Exception {
        try (TestAuthorizationServer authorizationServer = TestAuthorizationServer.start()) {
            String configured = authorizationServer.baseUrl() + "/realms/corp";
            String declared = authorizationServer.baseUrl() + "/realms/corp/";
            authorizationServer.publishMetadata(
                    "/.well-known/oauth-authorization-server/realms/corp", declared, authorizationServer.url("/jwks"));
            int port = TestPeers.freePort();
            Path routes = GatewayUnderTest.writeRoutes("mismatch", """
                    gateway:
                      public-base-url: http://127.0.0.1:%d
                      authorization-servers:
                        corp:
                          issuer: %s
                    routes:
                      - id: github
                        path: /github/mcp
                        upstream: http://127.0.0.1:9/mcp
                        authorization-servers: [corp]
                    """.formatted(port, configured));

            Throwable failure =
                    catchThrowable(() -> StandaloneGateway.start(routes, port).close());

            Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
            assertThat(cause).isInstanceOf(ConfigException.class);
            assertThat(cause.getMessage())
                    .contains("gateway.authorization-servers.corp.issuer")
                    .contains("declares issuer '" + declared + "'")
                    .contains("the configured issuer is '" + configured + "'")
                    .contains("used by route(s): github");
        }
    }
}
