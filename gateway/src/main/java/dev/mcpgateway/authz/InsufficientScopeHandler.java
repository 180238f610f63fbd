package dev.mcpgateway.authz;

import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.RouteConfig;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A valid token without the route's baseline scopes gets {@code 403 insufficient_scope} naming every
 * scope the request needs (RFC 6750 §3.1; MCP 2025-11-25 authorization, "Runtime Insufficient Scope
 * Errors"), so the client can step up in one round trip.
 */
public final class InsufficientScopeHandler implements ServerAccessDeniedHandler {

    private final ErrorResponseWriter errors;

    public InsufficientScopeHandler(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        List<String> required =
                ExchangeRoutes.route(exchange).map(RouteConfig::requiredScopes).orElse(List.of());
        return errors.write(exchange, GatewayError.insufficientScope(required));
    }
}
