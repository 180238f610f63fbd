package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.GatewayRateLimits.OnStoreFailure;
import dev.mcpgateway.config.RateLimitPlan;
import dev.mcpgateway.config.RedisUri;
import dev.mcpgateway.config.Reloadable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;

/**
 * The store that tenant buckets live in, as configured by {@code gateway.rate-limit-store} ({@link Reloadable}: a
 * reload that changes the store switches to the new one, whose buckets start full; a reload that changes anything
 * else keeps the store and its buckets). Every operation is bounded in time, and a
 * store that cannot answer yields {@link Consumption.Verdict#STORE_UNAVAILABLE}, counted, logged
 * without flooding, and visible as availability (metrics gauge, health).
 */
public final class CurrentRateLimitStore implements DisposableBean {

    /** Bucket4j may retry a contended compare-and-swap; the whole operation still ends within this. */
    static final Duration OPERATION_TIMEOUT = RedisBucketStore.REQUEST_TIMEOUT.multipliedBy(2);

    private static final Logger log = LoggerFactory.getLogger(CurrentRateLimitStore.class);

    private final GatewayConfigStore configs;
    private final RateLimitMetrics metrics;
    private final StoreOutageLog outageLog;
    private final Reloadable<Optional<RedisUri>, RateLimitStore> store;

    CurrentRateLimitStore(
            GatewayConfigStore configs,
            LocalBucketStore memory,
            Function<RedisUri, RateLimitStore> redisStores,
            RateLimitMetrics metrics,
            StoreOutageLog outageLog) {
        this.configs = configs;
        this.metrics = metrics;
        this.outageLog = outageLog;
        this.store = new Reloadable<>(
                configs, config -> Optional.ofNullable(config.rateLimits().redis()), redis -> {
                    outageLog.reset();
                    log.info(
                            "Rate-limit buckets are kept in {}",
                            redis.map(RedisUri::describe).orElse("memory"));
                    return redis.map(redisStores).orElse(memory);
                });
    }

    Mono<Consumption> tryConsume(String key, RateLimitPlan plan) {
        return tryConsume(key, plan, 1);
    }

    Mono<Consumption> tryConsume(String key, RateLimitPlan plan, long tokens) {
        RateLimitStore current = store.get();
        return bounded(current, current.tryConsume(key, plan, tokens))
                .doOnNext(consumption -> outageLog.success(description()))
                .onErrorResume(error -> {
                    failed(current, error);
                    return Mono.just(Consumption.storeUnavailable());
                });
    }

    /** Memory answers synchronously; only a remote store needs (and pays for) a timer. */
    private static <T> Mono<T> bounded(RateLimitStore store, Mono<T> operation) {
        // Not timeout(Duration), which runs a regular expression per subscription to name its source.
        return store instanceof LocalBucketStore
                ? operation
                : operation.timeout(
                        Mono.delay(OPERATION_TIMEOUT),
                        Mono.error(() -> new TimeoutException(
                                "No answer from the rate-limit store within " + OPERATION_TIMEOUT.toMillis() + " ms")));
    }

    /** Gives back tokens a refused request took from an earlier bucket; a failure is logged like any, never raised. */
    Mono<Void> refund(String key, RateLimitPlan plan, long tokens) {
        RateLimitStore current = store.get();
        return bounded(current, current.refund(key, plan, tokens)).onErrorResume(error -> {
            failed(current, error);
            return Mono.empty();
        });
    }

    /** Completes when the store answers a ping within the operation timeout; a failure counts as an outage. */
    Mono<Void> ping() {
        RateLimitStore current = store.get();
        return current.ping()
                .timeout(OPERATION_TIMEOUT)
                .doOnSuccess(ignored -> outageLog.success(description()))
                .doOnError(error -> failed(current, error));
    }

    private void failed(RateLimitStore current, Throwable error) {
        metrics.storeFailure(current instanceof LocalBucketStore ? "memory" : "redis");
        outageLog.failure(description(), policy() == OnStoreFailure.ALLOW ? "allowed" : "refused with 503", error);
    }

    /** Whether the last operation on the store was answered. */
    boolean available() {
        return !outageLog.inOutage();
    }

    String description() {
        return configs.current().rateLimits().storeDescription();
    }

    OnStoreFailure policy() {
        return configs.current().rateLimits().onStoreFailure();
    }

    @Override
    public void destroy() {
        store.close();
    }
}
