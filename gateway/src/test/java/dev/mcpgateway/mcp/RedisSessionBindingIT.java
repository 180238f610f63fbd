package dev.mcpgateway.mcp;

import dev.mcpgateway.config.Reloadable;
import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.RedisTestServer;
import dev.mcpgateway.support.RequiresRedis;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two gateway replicas sharing {@code gateway.session-store: redis://…} (a real redis-server): a
 * session initialized through one replica is honoured by the other for its owner only, and a DELETE
 * through one ends it on both.
 */
@RequiresRedis
class RedisSessionBindingIT {

    private static final RedisTestServer REDIS = RedisTestServer.start();
    private static final TestAuthorizationServer AS = TestAuthorizationServer.start();
    private static final ScriptedUpstream UPSTREAM = ScriptedUpstream.start("scripted");
    private static final int PORT_A = TestPeers.freePort();
    private static final int PORT_B = TestPeers.freePort();
    /** Both replicas serve one public URL, as behind a load balancer; tokens carry its resource URI. */
    private static final String RESOURCE = "http://127.0.0.1:" + PORT_A + "/shared/mcp";

    private static final Path ROUTES = routes();
    private static final ConfigurableApplicationContext REPLICA_A = replica(PORT_A);
    private static final ConfigurableApplicationContext REPLICA_B = replica(PORT_B);

    /**
     * The replicas' contexts are left to their shutdown hooks: closing a Spring Boot reactive context
     * disposes Reactor Netty's global event loops, which every other server in this JVM shares. Their
     * Redis clients are closed here, before Redis goes away.
     */
    @AfterAll
    static void stop() {
        REPLICA_A.getBean("sessionStore", Reloadable.class).close();
        REPLICA_B.getBean("sessionStore", Reloadable.class).close();
        UPSTREAM.close();
        AS.close();
        REDIS.close();
    }

    @Test
    void replicasAgreeOnWhoOwnsASessionAndOnItsEnd() {
        String alice = AS.token(RESOURCE, "mcp:access", claims -> claims.subject("alice"));
        String bob = AS.token(RESOURCE, "mcp:access", claims -> claims.subject("bob"));
        String session = client(PORT_A)
                .post()
                .uri("/shared/mcp")
                .headers(h -> h.setBearerAuth(alice))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("Mcp-Session-Id");

        ping(PORT_B, alice, session).expectStatus().isOk();
        ping(PORT_B, bob, session).expectStatus().isNotFound();
        String refreshed = AS.token(RESOURCE, "mcp:access", claims -> claims.subject("alice"));
        ping(PORT_A, refreshed, session).expectStatus().isOk();

        client(PORT_B)
                .delete()
                .uri("/shared/mcp")
                .headers(h -> h.setBearerAuth(alice))
                .header("Mcp-Session-Id", session)
                .exchange()
                .expectStatus()
                .isNoContent();
        ping(PORT_A, alice, session).expectStatus().isNotFound();
    }

    private static WebTestClient.ResponseSpec ping(int port, String token, String session) {
        return client(port)
                .post()
                .uri("/shared/mcp")
                .headers(h -> h.setBearerAuth(token))
                .header("Mcp-Session-Id", session)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .exchange();
    }

    private static WebTestClient client(int port) {
        return GatewayUnderTest.client("http://127.0.0.1:" + port);
    }

    private static ConfigurableApplicationContext replica(int port) {
        return StandaloneGateway.start(ROUTES, port);
    }

    private static Path routes() {
        return GatewayUnderTest.writeRoutes(
                "redis-sessions", """
                    gateway:
                      public-base-url: http://127.0.0.1:%d
                      session-store: %s
                      authorization-servers:
                        test:
                          issuer: %s
                          jwks-uri: %s
                    routes:
                      - id: shared
                        path: /shared/mcp
                        upstream: %s
                        authorization-servers: [test]
                        scopes:
                          required: [mcp:access]
                    """.formatted(PORT_A, REDIS.uri(), AS.issuer(), AS.jwksUri(), UPSTREAM.mcpUrl()));
    }
}
