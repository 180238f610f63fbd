package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.mcp.InspectedMessage;
import dev.mcpgateway.web.Lookalikes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The buckets an authenticated request is charged to, in charging order, and what it costs each: every tool it calls
 * with a plan, for this tenant, first (the tighter limits, so a refused tool call does not also spend the tenant's
 * tokens), then the tenant's own bucket. Limits count JSON-RPC messages, not HTTP requests: a batch costs the tool
 * bucket one token per call of that tool and the tenant bucket one per request or notification in it, exactly as if
 * its elements had come one by one, so batching never multiplies a limit. A request without messages (GET, DELETE)
 * costs the tenant one token. Pure: no I/O.
 */
final class AppliedLimits {

    private AppliedLimits() {}

    /**
     * The tool whose plan a call of {@code tool} is charged to: the plan of that name, or of the tool it imitates
     * ({@link Lookalikes}: {@code ADD} and {@code " add"} pay into {@code add}'s bucket, since a loosely matching
     * upstream runs them as {@code add}).
     */
    private static String planName(RouteConfig route, String tool) {
        if (route.rateLimit().toolPlan(tool).isPresent()) {
            return tool;
        }
        return route.rateLimit().tools().keySet().stream()
                .filter(planned -> Lookalikes.imitates(tool, planned))
                .findFirst()
                .orElse(tool);
    }

    static List<Limit> forRequest(RouteConfig route, String tenant, List<InspectedMessage> messages) {
        List<Limit> limits = new ArrayList<>(2);
        Map<String, Long> callsPerTool = new LinkedHashMap<>();
        long messagesSent = 0;
        for (InspectedMessage message : messages) {
            if (message.kind() != InspectedMessage.Kind.RESPONSE) {
                messagesSent++;
            }
            String tool = message.toolName();
            if (tool != null) {
                callsPerTool.merge(planName(route, tool), 1L, Long::sum);
            }
        }
        callsPerTool.forEach((tool, calls) -> route.rateLimit()
                .toolPlan(tool)
                .ifPresent(plan -> limits.add(
                        new Limit(Limit.TOOL, RateLimitKeys.tool(route.id(), tenant, tool, plan), plan, calls))));
        long tenantCost = Math.max(1, messagesSent);
        route.rateLimit()
                .tenantPlan(tenant)
                .ifPresent(plan -> limits.add(
                        new Limit(Limit.TENANT, RateLimitKeys.tenant(route.id(), tenant, plan), plan, tenantCost)));
        return limits;
    }
}
