package dev.mcpgateway.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Gateway-wide rate-limit settings ({@code gateway.rate-limit-store},
 * {@code gateway.rate-limit-on-store-failure}, {@code gateway.unauthenticated-rate-limit}).
 *
 * @param redis           the Redis shared by all replicas (one server, Sentinel or Cluster: {@link RedisUri}), or {@code null}
 *                        for buckets in this process's memory
 * @param onStoreFailure  what happens to a request whose bucket cannot be read because Redis is unavailable
 * @param unauthenticated the per-client-IP plan charged before token validation, or {@code null} when switched off
 */
public record GatewayRateLimits(
        @Nullable RedisUri redis,
        OnStoreFailure onStoreFailure,
        @Nullable RateLimitPlan unauthenticated) {

    /** 120 requests that do not authenticate per client address and minute. */
    public static final RateLimitPlan DEFAULT_UNAUTHENTICATED = new RateLimitPlan(120, 120, Duration.ofMinutes(1));

    public static final GatewayRateLimits DEFAULTS =
            new GatewayRateLimits(null, OnStoreFailure.ALLOW, DEFAULT_UNAUTHENTICATED);

    /** The store's address for logs and health details: scheme, host and port, never credentials. */
    public String storeDescription() {
        return redis == null ? "memory" : redis.describe();
    }

    /** Never prints the Redis password: configuration may end up in logs. */
    @Override
    public String toString() {
        return "GatewayRateLimits[store=" + storeDescription() + ", onStoreFailure=" + onStoreFailure
                + ", unauthenticated=" + unauthenticated + "]";
    }

    /** The outage policy: fail open ({@code allow}, the default) or closed ({@code deny}). */
    public enum OnStoreFailure {
        ALLOW,
        DENY
    }
}
