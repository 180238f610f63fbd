package dev.mcpgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.RedisTestCluster;
import dev.mcpgateway.support.RequiresRedis;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * A gateway whose rate-limit store and session store are one {@code redis-cluster://} URL (three masters, real
 * processes): buckets of many tenants land on several nodes (bucket4j's compare-and-swap runs on the node owning each
 * key's slot) and each still enforces its limit, and session bindings are kept and checked.
 */
@RequiresRedis
class RedisClusterIT {

    private static RedisTestCluster cluster;
    private static RedisBackedGateway gateway;

    @BeforeAll
    static void start() {
        cluster = RedisTestCluster.start(3);
        gateway = RedisBackedGateway.start(cluster.uri(), "cluster", """
                default: { capacity: 2, refill: 1/1h }
                tenants: { sessions: { capacity: 100, refill: 100/1m } }
                """);
    }

    /** Runs even when {@link #start()} failed half-way: whatever was started is stopped. */
    @AfterAll
    static void stop() {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void bucketsOfManyTenantsSpreadOverTheNodesAndEachKeepsItsLimit() {
        for (int tenant = 0; tenant < 12; tenant++) {
            String token = gateway.token("user-" + tenant, "tenant-" + tenant);
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
        String alice = gateway.token("alice", "sessions");
        String bob = gateway.token("bob", "sessions");
        String session = gateway.client()
                .post()
                .uri(gateway.path())
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
                .mapToObj(i -> gateway.client()
                        .post()
                        .uri(gateway.path())
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
}
