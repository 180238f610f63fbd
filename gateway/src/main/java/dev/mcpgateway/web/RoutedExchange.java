package dev.mcpgateway.web;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.RouteConfig;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * The configuration snapshot and the route an exchange was pinned to by {@link RouteResolutionFilter}. Every later
 * step reads them here, so a reload that lands mid-request never mixes the rules of two configurations.
 */
public final class RoutedExchange {

    static final String CONFIG_ATTRIBUTE = RoutedExchange.class.getName() + ".config";
    static final String ROUTE_ATTRIBUTE = RoutedExchange.class.getName() + ".route";

    private RoutedExchange() {}

    /** Pins {@code config}, and {@code route} when the request addresses one, to {@code exchange}. */
    public static void pin(ServerWebExchange exchange, GatewayConfig config, Optional<RouteConfig> route) {
        exchange.getAttributes().put(CONFIG_ATTRIBUTE, config);
        route.ifPresent(r -> exchange.getAttributes().put(ROUTE_ATTRIBUTE, r));
    }

    /** The route this request addresses, if its path is a configured route path or a legacy message path. */
    public static Optional<RouteConfig> route(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ROUTE_ATTRIBUTE));
    }

    /** The configuration snapshot pinned for this request. */
    public static GatewayConfig config(ServerWebExchange exchange) {
        GatewayConfig config = exchange.getAttribute(CONFIG_ATTRIBUTE);
        if (config == null) {
            throw new IllegalStateException(
                    "RouteResolutionFilter must run before any step that reads the configuration");
        }
        return config;
    }
}
