package dev.mcpgateway.support;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.mcpgateway.McpAuthGatewayApplication;
import java.util.function.Consumer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the integration tests that share one running gateway (one cached Spring context) in
 * front of {@link TestPeers}: fake authorization servers and scripted upstreams.
 */
@SpringBootTest(classes = McpAuthGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class GatewayIntegrationTest {

    protected static final TestPeers PEERS = TestPeers.shared();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        GatewayUnderTest.properties(registry, PEERS.routesFile::toString, PEERS.gatewayPort);
    }

    protected WebTestClient client() {
        return GatewayUnderTest.client(PEERS.baseUrl());
    }

    protected String validToken() {
        return PEERS.authorizationServer.token(PEERS.resource(), "mcp:access");
    }

    /** A token for the route at {@code path} with {@code scope}. */
    protected static String tokenFor(String path, String scope) {
        return PEERS.authorizationServer.token(PEERS.resource(path), scope);
    }

    /** A token for the route at {@code path} with {@code scope}, its claims adjusted by {@code claims}. */
    protected static String tokenFor(String path, String scope, Consumer<JWTClaimsSet.Builder> claims) {
        return PEERS.authorizationServer.token(PEERS.resource(path), scope, claims);
    }
}
