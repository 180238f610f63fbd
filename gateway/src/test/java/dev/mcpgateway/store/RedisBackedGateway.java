package dev.mcpgateway.store;

import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.time.Duration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway started apart for the Redis topology tests, with an authorization server and an upstream of its own: one
 * route at {@code /<route>/mcp} whose rate-limit store and session store are both one Redis URL, tenants by
 * {@code org_id}, {@code deny} when the store is unavailable. Closing it stops the gateway and then its peers; a start
 * that fails half-way stops whatever it had started.
 */
final class RedisBackedGateway implements AutoCloseable {

    private final TestAuthorizationServer authorizationServer;
    private final ScriptedUpstream upstream;
    private final String baseUrl;
    private final String path;
    private final ConfigurableApplicationContext gateway;

    private RedisBackedGateway(String redisUrl, String route, String limits) {
        int port = TestPeers.freePort();
        baseUrl = "http://127.0.0.1:" + port;
        path = "/" + route + "/mcp";
        authorizationServer = TestAuthorizationServer.start();
        ScriptedUpstream startedUpstream = null;
        try {
            startedUpstream = TestPeers.startUpstream();
            gateway = StandaloneGateway.start(
                    GatewayUnderTest.writeRoutes("redis-" + route, """
                            gateway:
                              public-base-url: %s
                              rate-limit-store: %s
                              rate-limit-on-store-failure: deny
                              session-store: %s
                              authorization-servers:
                                test: { issuer: %s, jwks-uri: %s }
                            routes:
                              - id: %s
                                path: %s
                                upstream: %s
                                authorization-servers: [test]
                                scopes:
                                  required: [mcp:access]
                                tenant-claim: org_id
                                rate-limit:
                            %s""".formatted(
                                    baseUrl,
                                    redisUrl,
                                    redisUrl,
                                    authorizationServer.issuer(),
                                    authorizationServer.jwksUri(),
                                    route,
                                    path,
                                    startedUpstream.mcpUrl(),
                                    limits.indent(6))),
                    port);
            upstream = startedUpstream;
        } catch (RuntimeException | Error e) {
            if (startedUpstream != null) {
                startedUpstream.close();
            }
            authorizationServer.close();
            throw e;
        }
    }

    /**
     * Starts a gateway on {@code redisUrl} serving route {@code route}; {@code limits} is the route's
     * {@code rate-limit} block (its {@code default} and {@code tenants} keys), unindented.
     */
    static RedisBackedGateway start(String redisUrl, String route, String limits) {
        return new RedisBackedGateway(redisUrl, route, limits);
    }

    /** The route's path, {@code /<route>/mcp}. */
    String path() {
        return path;
    }

    /** A valid token for the route with {@code mcp:access}, of {@code subject} in tenant {@code tenant}. */
    String token(String subject, String tenant) {
        return authorizationServer.token(
                baseUrl + path, "mcp:access", claims -> claims.subject(subject).claim("org_id", tenant));
    }

    /** A client of the gateway as patient as {@link GatewayUnderTest#client}. */
    WebTestClient client() {
        return GatewayUnderTest.client(baseUrl);
    }

    /** A client that gives up on an answer after {@code answerWithin}. */
    WebTestClient client(Duration answerWithin) {
        return WebTestClient.bindToServer()
                .baseUrl(baseUrl)
                .responseTimeout(answerWithin)
                .build();
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            try {
                upstream.close();
            } finally {
                authorizationServer.close();
            }
        }
    }
}
