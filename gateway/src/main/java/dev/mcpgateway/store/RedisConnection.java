package dev.mcpgateway.store;

import dev.mcpgateway.config.RedisUri;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The one way the gateway talks to a Redis it shares with other replicas (rate-limit buckets, session bindings):
 * one Lettuce client and connection per store, opened in the background, used through non-blocking commands only.
 * The same lifecycle serves every {@link RedisUri.Topology}: a single server and a Sentinel-managed master through
 * {@link RedisClient} (which asks the sentinels for the master on every connect and reconnect, so a failover is
 * followed by reconnecting), a cluster through {@link RedisClusterClient} (which follows slot moves and promotions
 * by refreshing its topology).
 *
 * <ul>
 *   <li>The first connection is made at once, in the background; a failed attempt is remembered for
 *       {@value #CONNECT_RETRY_MILLIS} ms, so a request burst during an outage makes one attempt, not one each.</li>
 *   <li>While disconnected, commands are rejected at once rather than queued (the caller applies its outage policy)
 *       and every command has {@code commandTimeout}; Lettuce reconnects by itself, at least every
 *       {@value #MAX_RECONNECT_DELAY_MILLIS} ms, so the store resumes as soon as Redis (or the new master) is
 *       back.</li>
 *   <li>What a store builds on top of the connection (bucket4j's proxy manager) is built once per connection.</li>
 * </ul>
 *
 * @param <V> what a store uses: the connection's commands, or something built on them
 */
public final class RedisConnection<V> implements AutoCloseable {

    static final long CONNECT_RETRY_MILLIS = 1000;
    static final long MAX_RECONNECT_DELAY_MILLIS = 2000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** A cluster client re-reads the slot map this often... */
    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(30);
    /** ...and at once on redirects and persistent reconnects, at most this often. */
    private static final Duration ADAPTIVE_REFRESH_MIN_GAP = Duration.ofSeconds(5);

    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final Supplier<CompletableFuture<V>> connect;
    private volatile @Nullable V connected;
    /** Guarded by {@code this}. */
    private @Nullable CompletableFuture<V> attempt;
    /** Guarded by {@code this}. */
    private long nextAttemptNanos;

    private volatile boolean closed;

    private <K, C> RedisConnection(
            RedisUri redis,
            RedisCodec<K, C> codec,
            Duration commandTimeout,
            Function<StatefulRedisConnection<K, C>, V> standalone,
            Function<StatefulRedisClusterConnection<K, C>, V> cluster) {
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(
                        Duration.ofMillis(50), Duration.ofMillis(MAX_RECONNECT_DELAY_MILLIS), 2, TimeUnit.MILLISECONDS))
                .build();
        if (redis.topology() == RedisUri.Topology.CLUSTER) {
            List<RedisURI> seeds = redis.clusterSeeds();
            seeds.forEach(seed -> seed.setTimeout(commandTimeout));
            RedisClusterClient clusterClient = RedisClusterClient.create(resources, seeds);
            clusterClient.setOptions(clusterOptions(commandTimeout));
            this.client = clusterClient;
            // Without a blocking connect() to load it, the slot map must be read first (each attempt, since the last
            // one may have failed on it).
            this.connect = () -> clusterClient
                    .refreshPartitionsAsync()
                    .toCompletableFuture()
                    .thenCompose(loaded -> clusterClient.connectAsync(codec))
                    .thenApply(opened -> ready(opened, cluster));
        } else {
            RedisURI uri = redis.lettuceUri();
            uri.setTimeout(commandTimeout);
            uri.getSentinels().forEach(sentinel -> sentinel.setTimeout(commandTimeout));
            RedisClient redisClient = RedisClient.create(resources);
            redisClient.setOptions(
                    options(ClientOptions.builder(), commandTimeout).build());
            this.client = redisClient;
            this.connect = () -> redisClient
                    .connectAsync(codec, uri)
                    .toCompletableFuture()
                    .thenApply(opened -> ready(opened, standalone));
        }
        connect();
    }

    /**
     * Opens a connection with {@code codec} and builds what the store uses on it: with {@code standalone} for a
     * single server or a Sentinel-managed master, with {@code cluster} for a Redis Cluster.
     *
     * @param commandTimeout the longest any command may take
     */
    public static <K, C, V> RedisConnection<V> open(
            RedisUri redis,
            RedisCodec<K, C> codec,
            Duration commandTimeout,
            Function<StatefulRedisConnection<K, C>, V> standalone,
            Function<StatefulRedisClusterConnection<K, C>, V> cluster) {
        return new RedisConnection<>(redis, codec, commandTimeout, standalone, cluster);
    }

    private static <B extends ClientOptions.Builder> B options(B builder, Duration commandTimeout) {
        builder.autoReconnect(true);
        builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        builder.socketOptions(
                SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build());
        builder.timeoutOptions(TimeoutOptions.enabled(commandTimeout));
        return builder;
    }

    private static ClusterClientOptions clusterOptions(Duration commandTimeout) {
        ClusterClientOptions.Builder builder = options(ClusterClientOptions.builder(), commandTimeout);
        builder.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                .enableAllAdaptiveRefreshTriggers()
                .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_MIN_GAP)
                .build());
        return builder.build();
    }

    /** What the store uses, once connected; fails at once while Redis cannot be reached. */
    public Mono<V> get() {
        V current = connected;
        return current != null ? Mono.just(current) : Mono.defer(() -> Mono.fromFuture(connect(), true));
    }

    /** Starts an attempt unless one is running or the last one failed less than a second ago. */
    private synchronized CompletableFuture<V> connect() {
        if (connected != null) {
            return CompletableFuture.completedFuture(connected);
        }
        if (attempt != null && (!attempt.isDone() || System.nanoTime() - nextAttemptNanos < 0)) {
            return attempt;
        }
        nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_RETRY_MILLIS);
        attempt = connect.get();
        return attempt;
    }

    private <T extends StatefulConnection<?, ?>> V ready(T opened, Function<T, V> prepare) {
        if (closed) {
            opened.closeAsync();
            throw new IllegalStateException("The Redis store was replaced");
        }
        V ready = prepare.apply(opened);
        connected = ready;
        return ready;
    }

    /** Closes the connection and the client without waiting for either. */
    @Override
    public void close() {
        closed = true;
        client.shutdownAsync(0, 2, TimeUnit.SECONDS).whenComplete((ignored, error) -> resources.shutdown());
    }
}
