package dev.mcpgateway.config;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The rate-limit plans of one route ({@code routes[].rate-limit}). A tenant gets its own plan from
 * {@code tenants} when listed there, else {@code default}; without either it is not limited. A
 * {@code tools} plan applies per tenant, on top of the tenant's plan, to {@code tools/call}
 * requests for that tool.
 *
 * @param defaultPlan the plan of every tenant not listed in {@code tenants}; {@code null} for none
 * @param tenants     plans by tenant name, overriding {@code defaultPlan}
 * @param tools       plans by tool name, applied per tenant
 */
public record RouteRateLimits(
        @Nullable RateLimitPlan defaultPlan, Map<String, RateLimitPlan> tenants, Map<String, RateLimitPlan> tools) {

    /** No limit at all. */
    public static final RouteRateLimits NONE = new RouteRateLimits(null, Map.of(), Map.of());

    public RouteRateLimits {
        tenants = Map.copyOf(tenants);
        tools = Map.copyOf(tools);
    }

    public Optional<RateLimitPlan> tenantPlan(String tenant) {
        return Optional.ofNullable(tenants.getOrDefault(tenant, defaultPlan));
    }

    public Optional<RateLimitPlan> toolPlan(String tool) {
        return Optional.ofNullable(tools.get(tool));
    }

    public boolean isEmpty() {
        return defaultPlan == null && tenants.isEmpty() && tools.isEmpty();
    }
}
