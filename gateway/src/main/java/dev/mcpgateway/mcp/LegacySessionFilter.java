package dev.mcpgateway.mcp;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.ErrorResponseWriter;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 6 for legacy HTTP+SSE routes: a POST to {@code <path>/message?sessionId=…} (already
 * authenticated like any route request) is accepted only from the principal whose stream announced
 * that session (MCP 2025-11-25 security best practices, "Session Hijacking"). No session id gets
 * {@code 400}, an unknown one or another principal's {@code 404}; the upstream never sees those.
 * The accepted request is then sent to the message endpoint the upstream announced
 * ({@link #announcedEndpoint}).
 */
public final class LegacySessionFilter implements GatewayFilter {

    static final String SESSION_PARAMETER = "sessionId";

    private static final String ANNOUNCED_ATTRIBUTE = LegacySessionFilter.class.getName() + ".announced";

    private final RouteConfig route;
    private final Supplier<SessionStore> stores;
    private final ErrorResponseWriter errors;

    LegacySessionFilter(RouteConfig route, Supplier<SessionStore> stores, ErrorResponseWriter errors) {
        this.route = route;
        this.stores = stores;
        this.errors = errors;
    }

    /** The path and query the upstream announced for the session of this accepted legacy message POST. */
    public static Optional<URI> announcedEndpoint(ServerWebExchange exchange) {
        String announced = exchange.getAttribute(ANNOUNCED_ATTRIBUTE);
        return announced == null ? Optional.empty() : Optional.of(URI.create(announced));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().equals(route.legacyMessagePath())) {
            return chain.filter(exchange);
        }
        String sessionId = exchange.getRequest().getQueryParams().getFirst(SESSION_PARAMETER);
        if (sessionId == null || sessionId.isEmpty()) {
            return errors.write(exchange, McpErrors.sessionIdRequired());
        }
        SessionStore store = stores.get();
        return SessionCheck.of(store, route.id(), sessionId, SessionPrincipal.of(exchange))
                .flatMap(check -> switch (check.verdict()) {
                    case OWNED -> {
                        exchange.getAttributes()
                                .put(
                                        ANNOUNCED_ATTRIBUTE,
                                        Objects.requireNonNull(
                                                check.ownedBinding().upstreamEndpoint(),
                                                "a legacy session is bound with its endpoint"));
                        yield chain.filter(exchange);
                    }
                    case NOT_FOUND -> errors.write(exchange, McpErrors.sessionNotFound());
                    case UNAVAILABLE -> errors.write(exchange, McpErrors.sessionStoreUnavailable());
                });
    }
}
