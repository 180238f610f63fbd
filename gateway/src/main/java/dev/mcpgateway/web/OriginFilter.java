package dev.mcpgateway.web;

import dev.mcpgateway.config.GatewayConfig;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 1, Origin validation (MCP 2025-11-25 transports, "Security Warning"): a request to
 * an MCP endpoint whose {@code Origin} is present and not allowed gets {@code 403}, before any
 * authentication, to defeat DNS rebinding. Requests without {@code Origin} (non-browser clients)
 * pass. The gateway's own public origin is always allowed.
 */
public final class OriginFilter implements WebFilter {

    private final ErrorResponseWriter errors;

    public OriginFilter(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        java.util.List<String> origins = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.ORIGIN);
        if (origins.isEmpty() || RoutedExchange.route(exchange).isEmpty()) {
            return chain.filter(exchange);
        }
        // RFC 6454 §7: one Origin field with one origin; two would let each reader check a different one.
        if (origins.size() == 1 && isAllowed(RoutedExchange.config(exchange), origins.get(0))) {
            return chain.filter(exchange);
        }
        return errors.write(exchange, GatewayError.forbiddenOrigin());
    }

    static boolean isAllowed(GatewayConfig config, String origin) {
        String normalized = origin.trim().toLowerCase(Locale.ROOT);
        return normalized.equals(config.publicBaseUrl().toString())
                || config.allowedOrigins().contains(normalized);
    }
}
