package dev.mcpgateway.authz;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.mcp.InspectedMessage;
import dev.mcpgateway.mcp.McpCallInfo;
import dev.mcpgateway.token.ExchangePrincipal;
import dev.mcpgateway.token.TokenPrincipal;
import dev.mcpgateway.web.ErrorResponseWriter;
import java.util.List;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 9: applies the route's {@link ToolPolicy} to the messages MCP inspection read. A
 * denied request is answered here and never reaches the upstream. On such a route the baseline scopes of a POST are
 * checked here too, together with the operation's own ({@link BaselineScopes} leaves them to this
 * step), so a token lacking both gets one challenge naming all of them (MCP 2026-07-28 authorization, "Scope
 * Challenge Handling"); a request without messages needs the baseline alone.
 */
public final class ToolAuthorizationFilter implements GatewayFilter {

    private final ToolPolicy policy;
    private final RouteConfig.DenyAs denyAs;
    private final ErrorResponseWriter errors;

    /** @param policy the route's policy, built once when the route is; it {@linkplain ToolPolicy#restricts restricts} */
    ToolAuthorizationFilter(ToolPolicy policy, RouteConfig.DenyAs denyAs, ErrorResponseWriter errors) {
        this.policy = policy;
        this.denyAs = denyAs;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        List<InspectedMessage> messages = McpCallInfo.messages(exchange);
        Set<String> granted =
                ExchangePrincipal.of(exchange).map(TokenPrincipal::scopes).orElse(Set.of());
        ToolDecision decision = policy.decide(granted, messages);
        return decision instanceof ToolDecision.Allow
                ? chain.filter(exchange)
                : errors.write(exchange, ToolErrors.toError(denyAs, decision));
    }
}
