package dev.mcpgateway.web;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 0: pins the current configuration snapshot and the route matching the request path to the exchange
 * ({@link RoutedExchange}), before anything else looks at the request's rules.
 */
public final class RouteResolutionFilter implements WebFilter {

    private final GatewayConfigStore store;

    public RouteResolutionFilter(GatewayConfigStore store) {
        this.store = store;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        GatewayConfig config = store.current();
        RoutedExchange.pin(
                exchange,
                config,
                config.routeForRequestPath(
                        exchange.getRequest().getPath().pathWithinApplication().value()));
        return chain.filter(exchange);
    }
}
