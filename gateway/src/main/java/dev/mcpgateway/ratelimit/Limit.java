package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RateLimitPlan;

/**
 * One bucket a request is charged to.
 *
 * @param policy the policy name published in {@code RateLimit-Policy}: {@code tenant}, {@code tool} or
 *               {@code unauthenticated}
 * @param key    the bucket key, see {@link RateLimitKeys}
 * @param plan   capacity and refill
 */
record Limit(String policy, String key, RateLimitPlan plan) {

    static final String TENANT = "tenant";
    static final String TOOL = "tool";
    static final String UNAUTHENTICATED = "unauthenticated";
}
