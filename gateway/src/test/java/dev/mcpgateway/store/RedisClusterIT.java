package dev.mcpgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.RedisTestCluster;
import dev.mcpgateway.support.RequiresRedis;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway whose rate-limit store and session store are one {@code redis-cluster://} URL (three masters, real
 * processes): buckets of many tenants land on several nodes (bucket4j's compare-and-swap runs on the node owning each
 * key's slot) and each still enforces its limit, and session bindings are kept and checked.
 */
@RequiresRedis
class RedisClusterIT {

    private static final int PORT = TestPeers.freePort();
    private static final String BASE_URL = "http://127.0.0.1:" + PORT;

    private static RedisTestCluster cluster;
    private static TestAuthorizationServer authorizationServer;
    private static ScriptedUpstream upstream;
    private static ConfigurableApplicationContext gateway;

    @BeforeAll
    static void start() throws IOException {
        cluster = RedisTestCluster.start(3);
        authorizationServer = TestAuthorizationServer.start();
        upstream = TestPeers.startUpstream();
        gateway = StandaloneGateway.start(routes(cluster.uri()), PORT);
    }

    /** Runs even when {@link #start()} failed half-way: whatever was started is stopped. */
    @AfterAll
    static void stop() {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            try {
                if (upstream != null) {
                    upstream.close();
                }
                if (authorizationServer != null) {
                    authorizationServer.close();
                }
            } finally {
                if (cluster != null) {
                    cluster.close();
                }
            }
        }
    }

    @Test
    void bucketsOfManyTenantsSpreadOverTheNodesAndEachKeepsItsLimit() {
        for (int tenant = 0; tenant < 12; tenant++) {
            String token = token("user-" + tenant, "tenant-" + tenant);
            assertThat(statuses(token, null, 3))
                    .as("tenant-%d: 2 per hour", tenant)
                    .containsExactly(200, 200, 429);
        }
        List<Long> keysPerNode = cluster.nodes().stream().map(cluster::keys).toList();
        assertThat(keysPerNode.stream().filter(keys -> keys > 0).count())
                .as("keys per node %s", keysPerNode)
                .isGreaterThan(1);
    }

    @Test
    void sessionBoundOnTheClusterBelongsToItsOwnerOnly() {
        String alice = token("alice", "sessions");
        String bob = token("bob", "sessions");
        String session = client().post()
                .uri("/cluster/mcp")
                .headers(h -> h.setBearerAuth(alice))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("Mcp-Session-Id");
        assertThat(statuses(alice, session, 1)).containsExactly(200);
        assertThat(statuses(bob, session, 1)).containsExactly(404);
    }

    private static List<Integer> statuses(String token, String session, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> client().post()
                        .uri("/cluster/mcp")
                        .headers(h -> {
                            h.setBearerAuth(token);
                            if (session != null) {
                                h.set("Mcp-Session-Id", session);
                            }
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                        .exchange()
                        .expectBody()
                        .returnResult()
                        .getStatus()
                        .value())
                .toList();
    }

    private static WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl(BASE_URL)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static String token(String subject, String tenant) {
        return authorizationServer.token(
                BASE_URL + "/cluster/mcp",
                "mcp:access",
                claims -> claims.subject(subject).claim("org_id", tenant));
    }

    private static Path routes(String redisUrl) throws IOException {
        Path file = Files.createTempDirectory("redis-cluster").resolve("routes.yaml");
        return Files.writeString(file, """
                gateway:
                  public-base-url: %s
                  rate-limit-store: %s
                  rate-limit-on-store-failure: deny
                  session-store: %s
                  authorization-servers:
                    test: { issuer: %s, jwks-uri: %s }
                routes:
                  - id: cluster
                    path: /cluster/mcp
                    upstream: %s
                    authorization-servers: [test]
                    scopes:
                      required: [mcp:access]
                    tenant-claim: org_id
                    rate-limit:
                      default: { capacity: 2, refill: 1/1h }
                      tenants: { sessions: { capacity: 100, refill: 100/1m } }
                """.formatted(
                        BASE_URL,
                        redisUrl,
                        redisUrl,
                        authorizationServer.issuer(),
                        authorizationServer.jwksUri(),
                        upstream.mcpUrl()));
    }
}
