package dev.mcpgateway.authz;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.ErrorResponseWriter;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * The tool-policy steps of a route's pipeline, built once per route when {@code routes.yaml} loads: tool
 * authorization (pipeline step 9) where the route restricts tools, methods, prompts or resources, and list shaping
 * (step 12) where it has a tool, prompt or resource map. A route without either gets neither, and pays nothing for them.
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

    /** Filters every tool, prompt or resource list to what the caller may use; empty when the route has no such map. */
    public Optional<GatewayFilter> toolListShaping(RouteConfig route) {
        return ToolPolicy.shapesLists(route)
                ? Optional.of(new ToolListResponseFilter(ToolPolicy.of(route)))
                : Optional.empty();
    }
}
