package dev.mcpgateway.support;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of three masters on loopback (real {@code redis-server --cluster-enabled yes} processes,
 * {@link RedisTestServer}), each owning a third of the 16384 slots; formed with {@code CLUSTER ADDSLOTSRANGE} and
 * {@code CLUSTER MEET} (what {@code redis-cli --cluster create} sends), ready when every node sees the whole cluster
 * as {@code ok}. Everything it started is stopped by {@link #close()}, also when forming fails half-way.
 */
public final class RedisTestCluster implements AutoCloseable {

    private static final int SLOTS = 16384;

    private final List<RedisTestServer> nodes = new ArrayList<>();
    private final RedisClient client = RedisClient.create();

    private RedisTestCluster() {}

    public static RedisTestCluster start(int masters) {
        RedisTestCluster cluster = new RedisTestCluster();
        try {
            for (int i = 0; i < masters; i++) {
                cluster.nodes.add(RedisTestServer.startClusterNode());
            }
            cluster.form();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void form() {
        int count = nodes.size();
        for (int i = 0; i < count; i++) {
            int first = i * SLOTS / count;
            int last = (i + 1) * SLOTS / count - 1;
            on(nodes.get(i), commands -> commands.clusterAddSlotsRange(Range.create(first, last)));
        }
        for (RedisTestServer node : nodes.subList(1, count)) {
            on(nodes.get(0), commands -> commands.clusterMeet("127.0.0.1", node.port()));
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> nodes.stream()
                        .allMatch(node -> on(node, commands -> {
                            String info = commands.clusterInfo();
                            return info.contains("cluster_state:ok")
                                    && info.contains("cluster_known_nodes:" + count)
                                    && info.contains("cluster_slots_ok:" + SLOTS);
                        })));
    }

    /** {@code redis-cluster://} with every node as a seed. */
    public String uri() {
        return "redis-cluster://"
                + nodes.stream().map(node -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
    }

    public List<RedisTestServer> nodes() {
        return List.copyOf(nodes);
    }

    /** How many keys {@code node} holds. */
    public long keys(RedisTestServer node) {
        return on(node, RedisCommands::dbsize);
    }

    private <T> T on(RedisTestServer node, Function<RedisCommands<String, String>, T> command) {
        RedisURI uri = RedisURI.create("127.0.0.1", node.port());
        uri.setTimeout(Duration.ofSeconds(5));
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            return command.apply(connection.sync());
        }
    }

    /** Stops every node, each even if another fails to stop. */
    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        RuntimeException failure = null;
        for (RedisTestServer node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
