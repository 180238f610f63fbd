package dev.mcpgateway.support;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The peers of a gateway context of a test's own with one route: an authorization server, a well-behaved recording
 * upstream ({@link TestPeers#startUpstream()}), a free loopback port and a routes file with the route at
 * {@link #path}. For tests whose context differs from the shared one (a probe bean, a setting), so they cannot use
 * {@link GatewayIntegrationTest}'s port.
 */
public final class SingleRoutePeers implements AutoCloseable {

    public final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();
    public final ScriptedUpstream upstream = TestPeers.startUpstream();
    public final int port = TestPeers.freePort();
    public final String baseUrl = "http://127.0.0.1:" + port;
    public final String path;
    private final Path routesFile;

    private SingleRoutePeers(String name, String path) {
        this.path = path;
        this.routesFile = GatewayUnderTest.writeRoutes(name, """
                gateway:
                  public-base-url: %s
                  authorization-servers:
                    test: { issuer: %s, jwks-uri: %s }
                routes:
                  - id: only
                    path: %s
                    upstream: %s
                    authorization-servers: [test]
                """.formatted(
                        baseUrl, authorizationServer.issuer(), authorizationServer.jwksUri(), path, upstream.mcpUrl()));
    }

    /** Starts the peers; {@code name} names the routes file. */
    public static SingleRoutePeers start(String name, String path) {
        return new SingleRoutePeers(name, path);
    }

    /** The gateway's settings for these peers, for the test's {@code @DynamicPropertySource}. */
    public void properties(DynamicPropertyRegistry registry) {
        GatewayUnderTest.properties(registry, routesFile::toString, port);
    }

    /** A valid token for the route with {@code scope}. */
    public String token(String scope) {
        return authorizationServer.token(baseUrl + path, scope);
    }

    public WebTestClient client() {
        return GatewayUnderTest.client(baseUrl);
    }

    @Override
    public void close() {
        upstream.close();
        authorizationServer.close();
    }
}
