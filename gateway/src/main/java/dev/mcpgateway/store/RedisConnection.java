package dev.mcpgateway.store;

import dev.mcpgateway.config.RedisUri;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The one way the gateway talks to a Redis it shares with other replicas (rate-limit buckets, session bindings):
 * one Lettuce client and connection per store, opened in the background, used through non-blocking commands only.
 *
 * <ul>
 *   <li>The first connection is made at once, in the background; a failed attempt is remembered for
 *       {@value #CONNECT_RETRY_MILLIS} ms, so a request burst during an outage makes one attempt, not one each.</li>
 *   <li>While disconnected, commands are rejected at once rather than queued (the caller applies its outage policy)
 *       and every command has {@code commandTimeout}; Lettuce reconnects by itself, at least every
 *       {@value #MAX_RECONNECT_DELAY_MILLIS} ms, so the store resumes as soon as Redis is back.</li>
 *   <li>What a store builds on top of the connection (bucket4j's proxy manager) is built once per connection.</li>
 * </ul>
 *
 * @param <V> what a store uses: the connection itself, or something built on it
 */
public final class RedisConnection<V> implements AutoCloseable {

    static final long CONNECT_RETRY_MILLIS = 1000;
    static final long MAX_RECONNECT_DELAY_MILLIS = 2000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final ClientResources resources;
    private final RedisClient client;
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
            Function<StatefulRedisConnection<K, C>, V> prepare) {
        RedisURI uri = RedisURI.create(redis.uri());
        uri.setTimeout(commandTimeout);
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(
                        Duration.ofMillis(50), Duration.ofMillis(MAX_RECONNECT_DELAY_MILLIS), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(
                        SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        this.connect =
                () -> client.connectAsync(codec, uri).toCompletableFuture().thenApply(opened -> ready(opened, prepare));
        connect();
    }

    /**
     * Opens a connection with {@code codec} and builds what the store uses on it with {@code prepare}.
     *
     * @param commandTimeout the longest any command may take
     */
    public static <K, C, V> RedisConnection<V> open(
            RedisUri redis,
            RedisCodec<K, C> codec,
            Duration commandTimeout,
            Function<StatefulRedisConnection<K, C>, V> prepare) {
        return new RedisConnection<>(redis, codec, commandTimeout, prepare);
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

    private <K, C> V ready(StatefulRedisConnection<K, C> opened, Function<StatefulRedisConnection<K, C>, V> prepare) {
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
