package dev.mcpgateway.mrtr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.Reloadable;
import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.ModernRequests;
import dev.mcpgateway.support.ModernUpstream;
import dev.mcpgateway.support.RedisTestServer;
import dev.mcpgateway.support.RequiresRedis;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas sharing a Redis session store and no configured {@code gateway.request-state.key}: the request state
 * one replica sealed opens on the other, because both seal with the key the first of them stored in Redis (MCP
 * 2026-07-28 basic/patterns/mrtr: the retry of an {@code InputRequiredResult} may reach any replica).
 */
@RequiresRedis
class SharedSealingKeyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RedisTestServer REDIS = RedisTestServer.start();
    private static final TestAuthorizationServer AS = TestAuthorizationServer.start();
    private static final ModernUpstream UPSTREAM = ModernUpstream.start();
    private static final int PORT_A = TestPeers.freePort();
    private static final int PORT_B = TestPeers.freePort();
    private static final String PATH = "/shared/mcp";
    /** Both replicas serve one public URL, as behind a load balancer; tokens carry its resource URI. */
    private static final String RESOURCE = "http://127.0.0.1:" + PORT_A + PATH;

    private static final String ARGUMENTS = "{\"repo\":\"acme/web\"}";
    private static final Path ROUTES = routes();
    private static final ConfigurableApplicationContext REPLICA_A = StandaloneGateway.start(ROUTES, PORT_A);
    private static final ConfigurableApplicationContext REPLICA_B = StandaloneGateway.start(ROUTES, PORT_B);

    /** As in the other Redis ITs: the replicas' Redis clients are closed before Redis goes away. */
    @AfterAll
    static void stop() {
        REPLICA_A.getBean("sessionStore", Reloadable.class).close();
        REPLICA_B.getBean("sessionStore", Reloadable.class).close();
        UPSTREAM.close();
        AS.close();
        REDIS.close();
    }

    @Test
    void aStateSealedByOneReplicaOpensOnTheOther() {
        String token = AS.token(RESOURCE, "", claims -> claims.subject("alice"));
        JsonNode first = resultOf(ModernRequests.post(
                client(PORT_A),
                PATH,
                token,
                "tools/call",
                "ask",
                ModernRequests.body(1, "tools/call", "\"name\":\"ask\",\"arguments\":" + ARGUMENTS)));
        String sealed = first.get("requestState").asString();
        assertThat(sealed).startsWith("mcpgw1.");

        JsonNode done = resultOf(ModernRequests.post(
                client(PORT_B),
                PATH,
                token,
                "tools/call",
                "ask",
                ModernRequests.body(
                        2,
                        "tools/call",
                        "\"name\":\"ask\",\"arguments\":" + ARGUMENTS
                                + ",\"inputResponses\":{\"who\":{\"action\":\"accept\",\"content\":{\"name\":\"octocat\"}}},"
                                + "\"requestState\":" + JSON.writeValueAsString(sealed))));

        assertThat(done.get("content").get(0).get("text").asString())
                .isEqualTo("state=" + ModernUpstream.STATE_PREFIX + ARGUMENTS);
    }

    private static JsonNode resultOf(WebTestClient.ResponseSpec response) {
        String body = response.expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body).get("result");
    }

    private static WebTestClient client(int port) {
        return GatewayUnderTest.client("http://127.0.0.1:" + port);
    }

    private static Path routes() {
        return GatewayUnderTest.writeRoutes("shared-sealing-key", """
                    gateway:
                      public-base-url: http://127.0.0.1:%d
                      session-store: %s
                      authorization-servers:
                        test:
                          issuer: %s
                          jwks-uri: %s
                    routes:
                      - id: shared
                        path: %s
                        upstream: %s
                        authorization-servers: [test]
                    """.formatted(
                        PORT_A, REDIS.uri(), AS.issuer(), AS.jwksUri(), PATH, UPSTREAM.mcpUrl()));
    }
}
