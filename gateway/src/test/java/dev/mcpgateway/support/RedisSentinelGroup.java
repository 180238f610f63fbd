package dev.mcpgateway.support;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Sentinel-managed Redis on loopback: a master, one replica and {@code n} sentinels (real {@code redis-server} and
 * {@code redis-sentinel} processes, {@link RedisTestServer}), ready when the replica is in sync and every sentinel
 * knows the replica and the other sentinels. Its {@link #uri()} lists an unreachable sentinel first, as a client sees a
 * sentinel whose pod is being rescheduled. Everything it started is stopped by {@link #close()}, also when starting
 * fails half-way.
 */
public final class RedisSentinelGroup implements AutoCloseable {

    public static final String MASTER_NAME = "mymaster";
    private static final Duration READY = Duration.ofSeconds(30);

    private final List<RedisTestServer> servers = new ArrayList<>();
    private final List<RedisTestServer> sentinels = new ArrayList<>();
    private final int unreachableSentinel = TestPeers.freePort();
    private final RedisClient client = RedisClient.create();
    private RedisTestServer master;
    private RedisTestServer replica;

    private RedisSentinelGroup() {}

    /**
     * Starts the group; a sentinel judges the master down after {@code downAfter} without an answer, and
     * {@code quorum} of them must agree before one fails over.
     */
    public static RedisSentinelGroup start(int sentinelCount, int quorum, Duration downAfter) {
        RedisSentinelGroup group = new RedisSentinelGroup();
        try {
            group.master = group.started(RedisTestServer.startMaster());
            group.replica = group.started(RedisTestServer.startReplicaOf(group.master));
            for (int i = 0; i < sentinelCount; i++) {
                group.sentinels.add(
                        group.started(RedisTestServer.startSentinel(MASTER_NAME, group.master, quorum, downAfter)));
            }
            group.awaitReady(sentinelCount);
            return group;
        } catch (RuntimeException | Error e) {
            group.close();
            throw e;
        }
    }

    private RedisTestServer started(RedisTestServer server) {
        servers.add(server);
        return server;
    }

    private void awaitReady(int sentinelCount) {
        await().atMost(READY)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> info(replica, "replication").contains("master_link_status:up"));
        await().atMost(READY)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> sentinels.stream()
                        .allMatch(sentinel -> onSentinel(sentinel, commands -> {
                            Map<String, String> state = commands.master(MASTER_NAME);
                            return "master".equals(state.get("flags"))
                                    && "1".equals(state.get("num-slaves"))
                                    && String.valueOf(sentinelCount - 1).equals(state.get("num-other-sentinels"))
                                    && commands.replicas(MASTER_NAME).stream()
                                            .allMatch(r -> "slave".equals(r.get("flags"))
                                                    && "ok".equals(r.get("master-link-status")));
                        })));
    }

    /** {@code redis-sentinel://} with every sentinel, an unreachable one first, and the master's name. */
    public String uri() {
        return "redis-sentinel://127.0.0.1:" + unreachableSentinel
                + sentinels.stream().map(s -> ",127.0.0.1:" + s.port()).collect(Collectors.joining())
                + "#" + MASTER_NAME;
    }

    public RedisTestServer master() {
        return master;
    }

    public RedisTestServer replica() {
        return replica;
    }

    /** Waits until the replica has applied every write the master has accepted so far (replication is asynchronous). */
    public void awaitReplicated() {
        long written = offset(info(master, "replication"), "master_repl_offset:");
        await().atMost(READY)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> offset(info(replica, "replication"), "slave_repl_offset:") >= written);
    }

    /** Sets a master setting ({@code SENTINEL SET}) on every sentinel. */
    public void configure(String option, String value) {
        sentinels.forEach(sentinel -> onSentinel(sentinel, commands -> commands.set(MASTER_NAME, option, value)));
    }

    /** The port every sentinel names for the master (-1 while they disagree). */
    public int masterPortNamedBySentinels() {
        List<Integer> ports = sentinels.stream()
                .map(sentinel -> onSentinel(
                        sentinel,
                        commands -> ((InetSocketAddress) commands.getMasterAddrByName(MASTER_NAME)).getPort()))
                .distinct()
                .toList();
        return ports.size() == 1 ? ports.get(0) : -1;
    }

    /** Waits until every sentinel names {@code server} as the master and it serves as one. */
    public void awaitPromotionOf(RedisTestServer server, Duration atMost) {
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> masterPortNamedBySentinels() == server.port()
                        && info(server, "replication").contains("role:master"));
    }

    public String info(RedisTestServer server, String section) {
        try (StatefulRedisConnection<String, String> connection = client.connect(local(server))) {
            return connection.sync().info(section);
        }
    }

    private <T> T onSentinel(RedisTestServer sentinel, Function<RedisSentinelCommands<String, String>, T> command) {
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(local(sentinel))) {
            return command.apply(connection.sync());
        }
    }

    private static long offset(String info, String field) {
        return info.lines()
                .filter(line -> line.startsWith(field))
                .map(line -> Long.parseLong(line.substring(field.length()).trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + field + " in INFO"));
    }

    private static RedisURI local(RedisTestServer server) {
        RedisURI uri = RedisURI.create("127.0.0.1", server.port());
        uri.setTimeout(Duration.ofSeconds(5));
        return uri;
    }

    /** Stops every process in reverse order of starting, each even if another fails to stop. */
    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        List<RuntimeException> failures = new ArrayList<>();
        Consumer<RedisTestServer> stop = server -> {
            try {
                server.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        };
        for (int i = servers.size() - 1; i >= 0; i--) {
            stop.accept(servers.get(i));
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
