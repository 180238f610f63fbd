package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RateLimitPlan;
import dev.mcpgateway.config.RedisUri;
import dev.mcpgateway.store.RedisConnection;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * Buckets in a Redis shared by every replica, so that N replicas enforce one limit, not N. Uses
 * bucket4j's compare-and-swap Lettuce proxy manager through its asynchronous API only: nothing here
 * ever waits on a Redis reply, and bucket state travels as one Lua-checked CAS per request
 * (retried on contention). Keys expire once their bucket would be full again (plus a margin).
 *
 * <p>Works on one server, a Sentinel-managed master and a Redis Cluster alike: a bucket is one key, so in a cluster
 * its compare-and-swap script runs on the node that owns the key's slot.
 *
 * <p>Failure behaviour ({@link RedisConnection}): the first connection is made in the background; while Redis is
 * unreachable every operation fails at once and the caller applies the configured outage policy; limits resume by
 * themselves as soon as Redis is back.
 */
final class RedisBucketStore implements RateLimitStore {

    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    /** Redis keeps a bucket this long after it would be full again: a re-created bucket would be identical. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisConnection<Connected> redis;

    RedisBucketStore(RedisUri uri) {
        this.redis = RedisConnection.open(
                uri,
                CODEC,
                REQUEST_TIMEOUT,
                connection -> connected(Bucket4jLettuce.casBasedBuilder(connection), connection.async()),
                connection -> connected(Bucket4jLettuce.casBasedBuilder(connection), connection.async()));
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
                .flatMap(redis -> Mono.fromCompletionStage(redis.commands().ping()))
                .then();
    }

    @Override
    public void close() {
        redis.close();
    }

    private Mono<Connected> connection() {
        return redis.get();
    }

    /**
     * Bucket4j's builder for the connection's type: a cluster's commands route each bucket's single key to the node
     * that owns its slot.
     */
    private static Connected connected(
            Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder,
            RedisClusterAsyncCommands<String, byte[]> commands) {
        AsyncProxyManager<String> buckets = builder.expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
                .requestTimeout(REQUEST_TIMEOUT)
                .build()
                .asAsync();
        return new Connected(commands, buckets);
    }

    /** The commands a single server's and a cluster's connections both offer, and the buckets built on them. */
    private record Connected(RedisClusterAsyncCommands<String, byte[]> commands, AsyncProxyManager<String> buckets) {}
}
