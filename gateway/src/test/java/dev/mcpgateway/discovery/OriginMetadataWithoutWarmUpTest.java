package dev.mcpgateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.RoutesFileParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * While the gateway warms up, its own route and in-process authorization server are live beside those of
 * {@code routes.yaml}; the origin's metadata document, which anyone may read, names neither (no client is sent to an
 * authorization server at {@code 127.0.0.1} of its own machine, nor learns the warm-up peer's port).
 */
class OriginMetadataWithoutWarmUpTest {

    private static final RoutesFileParser PARSER = RoutesFileParser.withSystemEnvironment();

    @Test
    void theOriginsDocumentNamesNeitherTheIssuerNorTheScopesOfTheWarmUpRoute() {
        GatewayConfig file = PARSER.parse("routes.yaml", """
                gateway:
                  public-base-url: https://mcp.example.com
                  authorization-servers:
                    corp: { issuer: https://auth.example.com }
                routes:
                  - id: r
                    path: /r/mcp
                    upstream: http://r.internal/mcp
                    authorization-servers: [corp]
                    scopes: { required: [mcp:access] }
                """);
        GatewayConfig warmUp = PARSER.parse("the warm-up route", """
                gateway:
                  public-base-url: https://mcp.example.com
                  authorization-servers:
                    warm: { issuer: "http://127.0.0.1:4711", jwks-uri: "http://127.0.0.1:4711/jwks" }
                routes:
                  - id: warm
                    path: /warm/mcp
                    upstream: http://127.0.0.1:4711/mcp
                    authorization-servers: [warm]
                    scopes: { required: [warm:only] }
                """);
        GatewayConfig live = file.withWarmUp(warmUp.routes().get(0), warmUp.authorizationServer("warm"));

        Map<String, Object> document = ProtectedResourceMetadata.forOrigin(live);

        assertThat(document).isEqualTo(ProtectedResourceMetadata.forOrigin(file));
        assertThat(document.get("authorization_servers")).asList().containsExactly("https://auth.example.com");
        assertThat(document.get("scopes_supported")).asList().containsExactly("mcp:access");
    }
}
