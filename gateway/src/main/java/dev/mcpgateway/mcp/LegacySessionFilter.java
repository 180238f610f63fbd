package dev.mcpgateway.mcp;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.PipelineOrder;
import dev.mcpgateway.web.RoutedExchange;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 6 for legacy HTTP+SSE routes: a POST to {@code <path>/message?sessionId=…} (already
 * authenticated like any route request) is accepted only from the principal whose stream announced
 * that session (MCP 2025-11-25 security best practices, "Session Hijacking"). No session id gets
 * {@code 400}, an unknown one or another principal's {@code 404}; the upstream never sees those.
 * The accepted request is then sent to the message endpoint the upstream announced
 * ({@link LegacyMessageForwardFilter}).
 */
public final class LegacySessionFilter implements GlobalFilter, Ordered {

    static final String SESSION_PARAMETER = "sessionId";

    private final Supplier<SessionStore> stores;
    private final ErrorResponseWriter errors;

    public LegacySessionFilter(Supplier<SessionStore> stores, ErrorResponseWriter errors) {
        this.stores = stores;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<RouteConfig> route = RoutedExchange.route(exchange);
        if (route.isEmpty()
                || route.get().transport() != RouteConfig.Transport.SSE
                || !exchange.getRequest()
                        .getPath()
                        .pathWithinApplication()
                        .value()
                        .equals(route.get().legacyMessagePath())) {
            return chain.filter(exchange);
        }
        String sessionId = exchange.getRequest().getQueryParams().getFirst(SESSION_PARAMETER);
        if (sessionId == null || sessionId.isEmpty()) {
            return errors.write(exchange, McpErrors.sessionIdRequired());
        }
        SessionStore store = stores.get();
        return SessionCheck.of(store, route.get().id(), sessionId, SessionPrincipal.of(exchange))
                .flatMap(check -> switch (check.verdict()) {
                    case OWNED -> {
                        LegacyMessageForwardFilter.target(
                                exchange,
                                Objects.requireNonNull(
                                        check.ownedBinding().upstreamEndpoint(),
                                        "a legacy session is bound with its endpoint"));
                        yield chain.filter(exchange);
                    }
                    case NOT_FOUND -> errors.write(exchange, McpErrors.sessionNotFound());
                    case UNAVAILABLE -> errors.write(exchange, McpErrors.sessionStoreUnavailable());
                });
    }

    @Override
    public int getOrder() {
        return PipelineOrder.SESSION_BINDING;
    }
}
