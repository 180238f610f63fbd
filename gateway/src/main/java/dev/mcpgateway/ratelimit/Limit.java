package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RateLimitPlan;

/**
 * One bucket a request is charged to, and how many tokens it costs.
 *
 * @param policy the policy name published in {@code RateLimit-Policy}: {@code tenant}, {@code tool} or
 *               {@code unauthenticated}
 * @param key    the bucket key, see {@link RateLimitKeys}
 * @param plan   capacity and refill
 * @param tokens what the request costs: one per JSON-RPC message it carries (a batch pays for each element)
 */
record Limit(String policy, String key, RateLimitPlan plan, long tokens) {

    static final String TENANT = "tenant";
    static final String TOOL = "tool";
    static final String UNAUTHENTICATED = "unauthenticated";

    /** A limit that costs one token. */
    Limit(String policy, String key, RateLimitPlan plan) {
        this(policy, key, plan, 1);
    }
}
