package dev.mcpgateway.authz;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.ErrorResponseWriter;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * The tool-policy steps of a route's pipeline, built once per route when {@code routes.yaml} loads: tool
 * authorization (pipeline step 9) where the route restricts tools or methods, and tool-list shaping (step 12) where
 * it has a tool map. A route without either gets neither, and pays nothing for them.
 */
public final class ToolSteps {

    private final ErrorResponseWriter errors;

    public ToolSteps(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    /** Refuses calls the route's policy does not allow; empty when the route restricts nothing. */
    public Optional<GatewayFilter> toolAuthorization(RouteConfig route) {
        ToolPolicy policy = ToolPolicy.of(route);
        return policy.restricts()
                ? Optional.of(new ToolAuthorizationFilter(policy, route.denyAs(), errors))
                : Optional.empty();
    }

    /** Filters every tool list to what the caller may call; empty when the route has no tool map. */
    public Optional<GatewayFilter> toolListShaping(RouteConfig route) {
        return route.toolScopes().isEmpty()
                ? Optional.empty()
                : Optional.of(new ToolListResponseFilter(ToolPolicy.of(route)));
    }
}
