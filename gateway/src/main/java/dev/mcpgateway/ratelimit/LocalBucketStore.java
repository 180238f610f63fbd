package dev.mcpgateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.mcpgateway.config.RateLimitPlan;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Buckets in this process's memory: lock-free bucket4j buckets (safe on the event loop) in a
 * bounded Caffeine cache. A bucket is evicted once it has been idle for as long as its plan takes
 * to fill an empty bucket, so that eviction loses nothing: a recreated bucket starts full, exactly
 * as the evicted one would be by then. Past {@code maxBuckets} the least recently used go first.
 */
final class LocalBucketStore implements RateLimitStore {

    /** Beyond the time to fill, so a bucket is surely full when it is dropped. */
    private static final Duration IDLE_MARGIN = Duration.ofSeconds(1);
    /** Plans that take longer than this to fill keep idle buckets this long; the size bound still applies. */
    private static final Duration MAX_IDLE = Duration.ofDays(7);

    private final Cache<String, Entry> buckets;
    private final TimeMeter time;

    LocalBucketStore(long maxBuckets, TimeMeter time) {
        this.time = time;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .expireAfter(Expiry.accessing((String key, Entry entry) -> entry.idleLimit()))
                // Upkeep on the calling thread: no hand-off to the common pool from the event loop per read.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Mono<Consumption> tryConsume(String key, RateLimitPlan plan, long tokens) {
        return Mono.fromSupplier(() -> tryConsumeNow(key, plan, tokens));
    }

    Consumption tryConsumeNow(String key, RateLimitPlan plan) {
        return tryConsumeNow(key, plan, 1);
    }

    Consumption tryConsumeNow(String key, RateLimitPlan plan, long tokens) {
        return Consumption.of(buckets.get(key, k -> create(plan)).bucket().tryConsumeAndReturnRemaining(tokens), plan);
    }

    @Override
    public Mono<Void> refund(String key, RateLimitPlan plan, long tokens) {
        return Mono.fromRunnable(() -> refund(key, tokens));
    }

    /** Gives back the token a request took, e.g. once it turned out not to be what the limit is for. */
    void refund(String key) {
        refund(key, 1);
    }

    private void refund(String key, long tokens) {
        Entry entry = buckets.getIfPresent(key);
        if (entry != null) {
            entry.bucket().addTokens(tokens);
        }
    }

    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    @Override
    public Mono<Void> ping() {
        return Mono.empty();
    }

    @Override
    public void close() {
        buckets.invalidateAll();
    }

    private Entry create(RateLimitPlan plan) {
        Bucket bucket = Bucket.builder()
                .withCustomTimePrecision(time)
                .withSynchronizationStrategy(SynchronizationStrategy.LOCK_FREE)
                .addLimit(Buckets.bandwidth(plan))
                .build();
        Duration idle = plan.timeToFill().plus(IDLE_MARGIN);
        return new Entry(bucket, idle.compareTo(MAX_IDLE) > 0 ? MAX_IDLE : idle);
    }

    private record Entry(Bucket bucket, Duration idleLimit) {}
}
