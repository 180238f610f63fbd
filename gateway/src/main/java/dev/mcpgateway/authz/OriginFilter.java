package dev.mcpgateway.authz;

import dev.mcpgateway.PipelineOrder;
import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.GatewayConfig;
import java.util.Locale;
import org.springframework.core.Ordered;
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
public final class OriginFilter implements WebFilter, Ordered {

    private final ErrorResponseWriter errors;

    public OriginFilter(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
        if (origin == null
                || ExchangeRoutes.route(exchange).isEmpty()
                || isAllowed(ExchangeRoutes.config(exchange), origin)) {
            return chain.filter(exchange);
        }
        return errors.write(exchange, GatewayError.forbiddenOrigin());
    }

    static boolean isAllowed(GatewayConfig config, String origin) {
        String normalized = origin.trim().toLowerCase(Locale.ROOT);
        return normalized.equals(config.publicBaseUrl().toString())
                || config.allowedOrigins().contains(normalized);
    }

    @Override
    public int getOrder() {
        return PipelineOrder.ORIGIN;
    }
}
