package dev.mcpgateway.mcp;

import dev.mcpgateway.PipelineOrder;
import dev.mcpgateway.authz.ErrorResponseWriter;
import dev.mcpgateway.authz.GatewayError;
import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.RouteConfig;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Applies {@link McpTransportRules} to every request for a route, before session binding and inspection. */
public final class TransportRulesFilter implements GlobalFilter, Ordered {

    private final ErrorResponseWriter errors;

    public TransportRulesFilter(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<RouteConfig> route = ExchangeRoutes.route(exchange);
        if (route.isEmpty()) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        Optional<GatewayError> violation =
                McpTransportRules.violation(route.get(), path, request.getMethod(), request.getHeaders());
        if (violation.isEmpty()) {
            return chain.filter(exchange);
        }
        if (violation.get().status() == HttpStatus.METHOD_NOT_ALLOWED) {
            exchange.getResponse().getHeaders().setAllow(McpTransportRules.allowedMethods(route.get(), path));
        }
        return errors.write(exchange, violation.get());
    }

    @Override
    public int getOrder() {
        return PipelineOrder.TRANSPORT_RULES;
    }
}
