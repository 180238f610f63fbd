package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RouteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The buckets an authenticated request is charged to, in charging order: the tool's bucket for this
 * tenant first (the tighter limit, so a refused tool call does not also spend the tenant's token),
 * then the tenant's own bucket. Pure: no I/O.
 */
final class AppliedLimits {

    private AppliedLimits() {
    }

    static List<Limit> forRequest(RouteConfig route, String tenant, Optional<String> toolName) {
        List<Limit> limits = new ArrayList<>(2);
        toolName.ifPresent(tool -> route.rateLimit().toolPlan(tool).ifPresent(plan ->
                limits.add(new Limit(Limit.TOOL, RateLimitKeys.tool(route.id(), tenant, tool, plan), plan))));
        route.rateLimit().tenantPlan(tenant).ifPresent(plan ->
                limits.add(new Limit(Limit.TENANT, RateLimitKeys.tenant(route.id(), tenant, plan), plan)));
        return limits;
    }
}
