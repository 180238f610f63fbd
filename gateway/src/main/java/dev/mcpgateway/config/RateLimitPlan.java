package dev.mcpgateway.config;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} requests may arrive at once, and {@code refillTokens} come back
 * every {@code refillPeriod}, continuously (a token every {@code refillPeriod / refillTokens}).
 * Written {@code { capacity: 120, refill: 60/1m }} in {@code routes.yaml}. Every request costs one
 * token when it arrives, whatever its method; a long-lived GET stream costs one when it opens.
 *
 * @param capacity     the most tokens the bucket holds (the burst); at least 1
 * @param refillTokens tokens added per {@code refillPeriod}; at least 1
 * @param refillPeriod the refill period; positive
 */
public record RateLimitPlan(long capacity, long refillTokens, Duration refillPeriod) {

    public RateLimitPlan {
        if (capacity < 1 || refillTokens < 1) {
            throw new IllegalArgumentException("capacity and refill tokens must be at least 1");
        }
        if (refillPeriod == null || refillPeriod.isZero() || refillPeriod.isNegative()) {
            throw new IllegalArgumentException("the refill period must be positive");
        }
    }

    /** How long an empty bucket takes to fill up completely. */
    public Duration timeToFill() {
        return refillPeriod.multipliedBy(capacity).dividedBy(refillTokens);
    }

    @Override
    public String toString() {
        return "capacity=" + capacity + " refill=" + refillTokens + "/" + refillPeriod;
    }
}
