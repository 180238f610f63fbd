package dev.mcpgateway.mcp;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.GatewayError;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Applies {@link McpTransportRules} to every request for a route, before session binding and inspection. */
public final class TransportRulesFilter implements GatewayFilter {

    private final RouteConfig route;
    private final ErrorResponseWriter errors;

    TransportRulesFilter(RouteConfig route, ErrorResponseWriter errors) {
        this.route = route;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        Optional<GatewayError> violation =
                McpTransportRules.violation(route, path, request.getMethod(), request.getHeaders());
        if (violation.isEmpty()) {
            return chain.filter(exchange);
        }
        if (violation.get().status() == HttpStatus.METHOD_NOT_ALLOWED) {
            exchange.getResponse().getHeaders().setAllow(McpTransportRules.allowedMethods(route, path));
        }
        return errors.write(exchange, violation.get());
    }
}
