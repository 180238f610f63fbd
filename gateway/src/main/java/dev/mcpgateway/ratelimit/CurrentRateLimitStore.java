package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.GatewayRateLimits;
import dev.mcpgateway.config.GatewayRateLimits.OnStoreFailure;
import dev.mcpgateway.config.RateLimitPlan;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;

/**
 * The store that tenant buckets live in, as configured by {@code gateway.rate-limit-store}. A
 * reload that changes the store switches to the new one (its buckets start full); a reload that
 * changes anything else keeps the store and its buckets. Every operation is bounded in time, and a
 * store that cannot answer yields {@link Consumption.Verdict#STORE_UNAVAILABLE}, counted, logged
 * without flooding, and visible as availability (metrics gauge, health).
 */
public final class CurrentRateLimitStore implements DisposableBean {

    /** Bucket4j may retry a contended compare-and-swap; the whole operation still ends within this. */
    static final Duration OPERATION_TIMEOUT = RedisBucketStore.REQUEST_TIMEOUT.multipliedBy(2);

    private static final Logger log = LoggerFactory.getLogger(CurrentRateLimitStore.class);

    private final LocalBucketStore memory;
    private final Function<URI, RateLimitStore> redisStores;
    private final RateLimitMetrics metrics;
    private final StoreOutageLog outageLog;
    private final AtomicReference<Active> active = new AtomicReference<>();

    CurrentRateLimitStore(
            GatewayConfigStore configs,
            LocalBucketStore memory,
            Function<URI, RateLimitStore> redisStores,
            RateLimitMetrics metrics,
            StoreOutageLog outageLog) {
        this.memory = memory;
        this.redisStores = redisStores;
        this.metrics = metrics;
        this.outageLog = outageLog;
        switchIfChanged(configs.current());
        configs.onChange(this::switchIfChanged);
    }

    Mono<Consumption> tryConsume(String key, RateLimitPlan plan) {
        return tryConsume(key, plan, 1);
    }

    Mono<Consumption> tryConsume(String key, RateLimitPlan plan, long tokens) {
        Active current = active.get();
        Mono<Consumption> operation = current.store().tryConsume(key, plan, tokens);
        // Memory answers synchronously; only a remote store needs (and pays for) a timer.
        return (current.redis() == null ? operation : operation.timeout(OPERATION_TIMEOUT))
                .doOnNext(consumption -> outageLog.success(current.description()))
                .onErrorResume(error -> {
                    failed(current, error);
                    return Mono.just(Consumption.storeUnavailable());
                });
    }

    /** Gives back tokens a refused request took from an earlier bucket; a failure is logged like any, never raised. */
    Mono<Void> refund(String key, RateLimitPlan plan, long tokens) {
        Active current = active.get();
        Mono<Void> operation = current.store().refund(key, plan, tokens);
        return (current.redis() == null ? operation : operation.timeout(OPERATION_TIMEOUT)).onErrorResume(error -> {
            failed(current, error);
            return Mono.empty();
        });
    }

    /** Completes when the store answers a ping within the operation timeout; a failure counts as an outage. */
    Mono<Void> ping() {
        Active current = active.get();
        return current.store()
                .ping()
                .timeout(OPERATION_TIMEOUT)
                .doOnSuccess(ignored -> outageLog.success(current.description()))
                .doOnError(error -> failed(current, error));
    }

    private void failed(Active current, Throwable error) {
        metrics.storeFailure(current.kind());
        outageLog.failure(
                current.description(),
                current.policy() == OnStoreFailure.ALLOW ? "allowed" : "refused with 503",
                error);
    }

    /** Whether the last operation on the store was answered. */
    boolean available() {
        return !outageLog.inOutage();
    }

    String description() {
        return active.get().description();
    }

    OnStoreFailure policy() {
        return active.get().policy();
    }

    private synchronized void switchIfChanged(GatewayConfig config) {
        GatewayRateLimits settings = config.rateLimits();
        URI redis = settings.redis();
        Active previous = active.get();
        if (previous != null && Objects.equals(previous.redis(), redis)) {
            active.set(new Active(redis, previous.store(), previous.description(), settings.onStoreFailure()));
            return;
        }
        RateLimitStore store = redis == null ? memory : redisStores.apply(redis);
        active.set(new Active(redis, store, settings.storeDescription(), settings.onStoreFailure()));
        outageLog.reset();
        log.info("Rate-limit buckets are kept in {}", config.rateLimits().storeDescription());
        if (previous != null && previous.store() != memory) {
            previous.store().close();
        }
    }

    @Override
    public void destroy() {
        Active current = active.get();
        if (current != null && current.store() != memory) {
            current.store().close();
        }
        memory.close();
    }

    private record Active(URI redis, RateLimitStore store, String description, OnStoreFailure policy) {
        String kind() {
            return redis == null ? "memory" : "redis";
        }
    }
}
