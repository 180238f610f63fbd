package dev.mcpgateway.authz;

import dev.mcpgateway.PipelineOrder;
import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.mcp.InspectedMessage;
import dev.mcpgateway.mcp.McpCallInfo;
import dev.mcpgateway.token.TokenAuthentication;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 9: applies the route's {@link ToolPolicy} to the messages MCP inspection read. A
 * denied request is answered here and never reaches the upstream.
 */
public final class ToolAuthorizationFilter implements GlobalFilter, Ordered {

    private final ErrorResponseWriter errors;

    public ToolAuthorizationFilter(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<RouteConfig> route = ExchangeRoutes.route(exchange);
        List<InspectedMessage> messages = McpCallInfo.messages(exchange);
        if (route.isEmpty() || messages.isEmpty() || !ToolPolicy.of(route.get()).restricts()) {
            return chain.filter(exchange);
        }
        ToolPolicy policy = ToolPolicy.of(route.get());
        return grantedScopes(exchange).flatMap(granted -> {
            ToolDecision decision = policy.decide(granted, messages);
            return decision instanceof ToolDecision.Allow
                    ? chain.filter(exchange)
                    : errors.write(exchange, ToolDenials.toError(route.get().denyAs(), decision));
        });
    }

    static Mono<Set<String>> grantedScopes(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(TokenAuthentication.class::isInstance)
                .map(principal ->
                        ((TokenAuthentication) principal).getPrincipal().scopes())
                .defaultIfEmpty(Set.of());
    }

    @Override
    public int getOrder() {
        return PipelineOrder.TOOL_AUTHORIZATION;
    }
}
