package dev.mcpgateway.mcp;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.McpEra;
import dev.mcpgateway.web.McpHeaders;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 6 for Streamable HTTP (MCP 2025-11-25 transports, "Session Management"; security best
 * practices, "Session Hijacking"). The {@code Mcp-Session-Id} an upstream returns to {@code initialize}
 * is bound to the caller's {@code (iss, sub)} before the client sees it. A later request carrying the
 * id is forwarded only for that principal; for anyone else, or for an id the gateway never bound, the
 * answer is {@code 404} and the upstream is never called. A successful DELETE, or an upstream
 * {@code 404}, ends the binding. Modern (2026-07-28) requests have no session: see {@link #stateless}. It runs after
 * MCP inspection, which decides a POST's era from its body.
 */
public final class SessionBindingFilter implements GatewayFilter {

    private final RouteConfig route;
    private final Supplier<SessionStore> stores;
    private final ErrorResponseWriter errors;

    SessionBindingFilter(RouteConfig route, Supplier<SessionStore> stores, ErrorResponseWriter errors) {
        this.route = route;
        this.stores = stores;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (exchange.getRequest().getMethod() == HttpMethod.POST && McpEra.of(exchange) == McpEra.MODERN) {
            return stateless(exchange, chain);
        }
        SessionStore store = stores.get();
        String sessionId = exchange.getRequest().getHeaders().getFirst(McpHeaders.SESSION_ID);
        Optional<SessionOwner> owner = SessionPrincipal.of(exchange);
        if (sessionId == null) {
            owner.ifPresent(o -> exchange.getResponse().beforeCommit(() -> bindNewSession(exchange, route, store, o)));
            return chain.filter(exchange);
        }
        String key = SessionStore.key(route.id(), sessionId);
        return SessionCheck.of(store, route.id(), sessionId, owner).flatMap(check -> switch (check.verdict()) {
            case OWNED -> {
                exchange.getResponse().beforeCommit(() -> unbindEndedSession(exchange, store, key));
                yield chain.filter(exchange);
            }
            case NOT_FOUND -> errors.write(exchange, McpErrors.sessionNotFound());
            case UNAVAILABLE -> errors.write(exchange, McpErrors.sessionStoreUnavailable());
        });
    }

    /**
     * MCP 2026-07-28 Streamable HTTP, "Earlier Streamable HTTP Revisions": a modern request has no session and no
     * resumable stream, so {@code Mcp-Session-Id} and {@code Last-Event-ID} are ignored: never checked, never
     * forwarded (the upstream must not read a session into a stateless request), and a session id the upstream
     * sends back anyway is neither bound nor shown to the client.
     */
    private static Mono<Void> stateless(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest()
                .mutate()
                .headers(headers -> {
                    headers.remove(McpHeaders.SESSION_ID);
                    headers.remove(McpHeaders.LAST_EVENT_ID);
                })
                .build();
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().remove(McpHeaders.SESSION_ID);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build());
    }

    /** Only the response to {@code initialize} creates a session (MCP 2025-11-25 transports, "Session Management"). */
    private static Mono<Void> bindNewSession(
            ServerWebExchange exchange, RouteConfig route, SessionStore store, SessionOwner owner) {
        ServerHttpResponse response = exchange.getResponse();
        String created = response.getHeaders().getFirst(McpHeaders.SESSION_ID);
        if (created == null
                || !isSuccess(response.getStatusCode())
                || !McpCallInfo.method(exchange)
                        .filter(InspectedMessage.INITIALIZE::equals)
                        .isPresent()) {
            return Mono.empty();
        }
        return store.bindIfAbsent(SessionStore.key(route.id(), created), SessionBinding.of(owner))
                .flatMap(binding -> binding.owner().equals(owner)
                        ? Mono.<Void>empty()
                        : Mono.error(new UninspectableResponseException(
                                "The upstream returned a session id bound to another principal")));
    }

    private static Mono<Void> unbindEndedSession(ServerWebExchange exchange, SessionStore store, String key) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        boolean deleted = exchange.getRequest().getMethod() == HttpMethod.DELETE && isSuccess(status);
        boolean gone = status != null && status.value() == HttpStatus.NOT_FOUND.value();
        return deleted || gone ? store.remove(key) : Mono.empty();
    }

    private static boolean isSuccess(@Nullable HttpStatusCode status) {
        return status == null || status.is2xxSuccessful();
    }
}
