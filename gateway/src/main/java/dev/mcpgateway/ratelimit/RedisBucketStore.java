package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RateLimitPlan;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * Buckets in a Redis shared by every replica, so that N replicas enforce one limit, not N. Uses
 * bucket4j's compare-and-swap Lettuce proxy manager through its asynchronous API only: nothing here
 * ever waits on a Redis reply, and bucket state travels as one Lua-checked CAS per request
 * (retried on contention). Keys expire once their bucket would be full again (plus a margin).
 *
 * <p>Failure behaviour: the first connection is made in the background; while Redis is unreachable
 * every operation fails at once (commands are rejected, not queued, while disconnected) and the
 * caller applies the configured outage policy. Lettuce reconnects by itself, at least every
 * {@link #MAX_RECONNECT_DELAY}, so limits resume as soon as Redis is back.
 */
final class RedisBucketStore implements RateLimitStore {

    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);
    /** How long a failed first connection attempt is remembered before the next one. */
    private static final Duration CONNECT_RETRY = Duration.ofSeconds(1);
    /** Redis keeps a bucket this long after it would be full again: a re-created bucket would be identical. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private volatile Connected connected;
    /** Guarded by {@code this}. */
    private CompletableFuture<Connected> attempt;
    /** Guarded by {@code this}. */
    private long nextAttemptNanos;

    private volatile boolean closed;

    RedisBucketStore(URI redis) {
        this.uri = RedisURI.create(redis);
        this.uri.setTimeout(REQUEST_TIMEOUT);
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(
                        SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(REQUEST_TIMEOUT))
                .build());
        connect();
    }

    @Override
    public Mono<Consumption> tryConsume(String key, RateLimitPlan plan, long tokens) {
        return connection()
                .flatMap(redis -> Mono.fromFuture(() -> redis.buckets()
                        .builder()
                        .build(key, () -> CompletableFuture.completedFuture(Buckets.configuration(plan)))
                        .tryConsumeAndReturnRemaining(tokens)))
                .map(probe -> Consumption.of(probe, plan));
    }

    @Override
    public Mono<Void> refund(String key, RateLimitPlan plan, long tokens) {
        return connection()
                .flatMap(redis -> Mono.fromFuture(() -> redis.buckets()
                        .builder()
                        .build(key, () -> CompletableFuture.completedFuture(Buckets.configuration(plan)))
                        .addTokens(tokens)));
    }

    @Override
    public Mono<Void> ping() {
        return connection()
                .flatMap(redis ->
                        Mono.fromCompletionStage(redis.connection().async().ping()))
                .then();
    }

    @Override
    public void close() {
        closed = true;
        // Closes the connection too, without waiting for it.
        client.shutdownAsync(0, 2, TimeUnit.SECONDS).whenComplete((ignored, error) -> resources.shutdown());
    }

    private Mono<Connected> connection() {
        Connected current = connected;
        return current != null ? Mono.just(current) : Mono.defer(() -> Mono.fromFuture(connect(), true));
    }

    /** Starts a connection attempt unless one is running or the last one failed less than {@link #CONNECT_RETRY} ago. */
    private synchronized CompletableFuture<Connected> connect() {
        if (connected != null) {
            return CompletableFuture.completedFuture(connected);
        }
        if (attempt != null && (!attempt.isDone() || System.nanoTime() - nextAttemptNanos < 0)) {
            return attempt;
        }
        nextAttemptNanos = System.nanoTime() + CONNECT_RETRY.toNanos();
        attempt = client.connectAsync(CODEC, uri).toCompletableFuture().thenApply(this::connected);
        return attempt;
    }

    private Connected connected(StatefulRedisConnection<String, byte[]> connection) {
        if (closed) {
            connection.closeAsync();
            throw new IllegalStateException("The rate-limit store was replaced");
        }
        AsyncProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(connection.async())
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
                .requestTimeout(REQUEST_TIMEOUT)
                .build()
                .asAsync();
        Connected ready = new Connected(connection, buckets);
        connected = ready;
        return ready;
    }

    private record Connected(StatefulRedisConnection<String, byte[]> connection, AsyncProxyManager<String> buckets) {}
}
