package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RateLimitPlan;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Bucket keys. Every key ends with the plan it was created under, so a reload that changes a plan
 * starts that bucket afresh under the new plan while buckets of unchanged plans keep their state;
 * the abandoned buckets expire. Keys are the same on every replica, which is what lets replicas
 * share one bucket per tenant in Redis.
 */
final class RateLimitKeys {

    static final String PREFIX = "mcp-gateway:rate-limit:";

    private RateLimitKeys() {}

    static String tenant(String routeId, String tenant, RateLimitPlan plan) {
        return PREFIX + encode(routeId) + ":tenant:" + encode(tenant) + ":" + fingerprint(plan);
    }

    static String tool(String routeId, String tenant, String tool, RateLimitPlan plan) {
        return PREFIX + encode(routeId) + ":tenant:" + encode(tenant) + ":tool:" + encode(tool) + ":"
                + fingerprint(plan);
    }

    static String client(String clientAddress, RateLimitPlan plan) {
        return PREFIX + "client:" + encode(clientAddress) + ":" + fingerprint(plan);
    }

    static String fingerprint(RateLimitPlan plan) {
        return plan.capacity() + "-" + plan.refillTokens() + "-"
                + plan.refillPeriod().toMillis() + "ms";
    }

    /** Keeps the separator unambiguous whatever a tenant or tool name contains. */
    private static String encode(String component) {
        return URLEncoder.encode(component, StandardCharsets.UTF_8);
    }
}
