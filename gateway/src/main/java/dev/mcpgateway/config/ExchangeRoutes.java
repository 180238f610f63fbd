package dev.mcpgateway.config;

import dev.mcpgateway.PipelineOrder;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 0: pins the current configuration snapshot and the route matching the request
 * path to the exchange. Every later step reads them from here, so a reload that lands mid-request
 * never mixes the rules of two configurations.
 */
public final class ExchangeRoutes implements WebFilter, Ordered {

    private static final String CONFIG_ATTRIBUTE = ExchangeRoutes.class.getName() + ".config";
    private static final String ROUTE_ATTRIBUTE = ExchangeRoutes.class.getName() + ".route";

    private final GatewayConfigStore store;

    public ExchangeRoutes(GatewayConfigStore store) {
        this.store = store;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        GatewayConfig config = store.current();
        exchange.getAttributes().put(CONFIG_ATTRIBUTE, config);
        config.routeForRequestPath(
                        exchange.getRequest().getPath().pathWithinApplication().value())
                .ifPresent(route -> exchange.getAttributes().put(ROUTE_ATTRIBUTE, route));
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return PipelineOrder.ROUTE_RESOLUTION;
    }

    /** The route this request addresses, if its path is a configured route path or a legacy message path. */
    public static Optional<RouteConfig> route(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ROUTE_ATTRIBUTE));
    }

    /** The configuration snapshot pinned for this request. */
    public static GatewayConfig config(ServerWebExchange exchange) {
        GatewayConfig config = exchange.getAttribute(CONFIG_ATTRIBUTE);
        if (config == null) {
            throw new IllegalStateException("ExchangeRoutes must run before any step that reads the configuration");
        }
        return config;
    }
}
