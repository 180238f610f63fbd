package dev.mcpgateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Micrometer meters of rate limiting. Tags are bounded: route ids come from the configuration,
 * limits and stores are fixed names; tenants and client addresses are never tags.
 *
 * <ul>
 *   <li>{@code gateway.ratelimit.rejected} (counter; {@code limit}, {@code route}): requests answered {@code 429}.</li>
 *   <li>{@code gateway.ratelimit.store.failures} (counter; {@code store}): bucket operations the store could not answer.</li>
 *   <li>{@code gateway.ratelimit.store.available} (gauge): 1 while the store answers, 0 during an outage.</li>
 * </ul>
 */
final class RateLimitMetrics {

    static final String REJECTED = "gateway.ratelimit.rejected";
    static final String STORE_FAILURES = "gateway.ratelimit.store.failures";
    static final String STORE_AVAILABLE = "gateway.ratelimit.store.available";

    private final MeterRegistry registry;

    RateLimitMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void rejected(String limit, String routeId) {
        registry.counter(REJECTED, "limit", limit, "route", routeId).increment();
    }

    void storeFailure(String store) {
        registry.counter(STORE_FAILURES, "store", store).increment();
    }

    void storeAvailability(CurrentRateLimitStore store) {
        registry.gauge(STORE_AVAILABLE, store, current -> current.available() ? 1 : 0);
    }
}
