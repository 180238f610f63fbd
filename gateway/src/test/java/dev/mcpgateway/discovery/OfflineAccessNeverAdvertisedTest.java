package dev.mcpgateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.config.RoutesFileParser;
import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.GatewayError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * {@code offline_access} asks for a refresh token and is no requirement of a resource (MCP 2026-07-28 authorization,
 * SEP-2207): the parser refuses it in every requirement ({@code ScopesAndRequestStateConfigTest}), and even a route
 * built with it in code never names it in {@code scopes_supported} or in a challenge.
 */
class OfflineAccessNeverAdvertisedTest {

    private static final GatewayConfig CONFIG =
            RoutesFileParser.withSystemEnvironment().parse("routes.yaml", """
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

    private static RouteConfig requiring(List<String> scopes) {
        RouteConfig r = CONFIG.routes().get(0);
        return new RouteConfig(
                r.id(),
                r.name(),
                r.path(),
                r.resource(),
                r.upstream(),
                r.authorizationServers(),
                r.audiences(),
                scopes,
                r.timeouts(),
                r.upstreamHeaders(),
                r.tenantClaim(),
                r.rateLimit(),
                r.transport(),
                r.eras(),
                r.toolScopes(),
                r.methodScopes(),
                r.denyAs(),
                r.resilience(),
                r.streams(),
                r.resourceScopes(),
                r.promptScopes(),
                r.scopeHierarchy(),
                r.auditArgumentNames());
    }

    @Test
    void protectedResourceMetadataNeverListsOfflineAccess() {
        Object scopes = ProtectedResourceMetadata.forRoute(CONFIG, requiring(List.of("mcp:access", "offline_access")))
                .get("scopes_supported");

        assertThat(scopes).isEqualTo(List.of("mcp:access"));
    }

    @Test
    void aChallengeNeverNamesOfflineAccess() {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.post("/r/mcp").build());

        new ErrorResponseWriter()
                .write(exchange, GatewayError.insufficientScope(List.of("mcp:access", "offline_access", "files:read")))
                .block();

        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .contains("scope=\"mcp:access files:read\"")
                .doesNotContain("offline_access");
    }
}
