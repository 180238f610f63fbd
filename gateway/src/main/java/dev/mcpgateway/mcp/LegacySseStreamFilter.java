package dev.mcpgateway.mcp;

import dev.mcpgateway.config.RouteConfig;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The stream half of a legacy HTTP+SSE route (MCP 2024-11-05 transports, "HTTP with SSE"):
 * {@code GET <path>} opens the upstream's stream, and its {@code endpoint} event is rewritten to the
 * gateway's public message endpoint ({@link LegacyEndpoint}) after the upstream session has been bound
 * to the caller, so the first POST already finds the binding. The binding ends with the stream.
 * Every other event passes untouched and is flushed on its own.
 */
public final class LegacySseStreamFilter implements GatewayFilter {

    static final String ENDPOINT_EVENT = "endpoint";

    private final RouteConfig route;
    private final Supplier<SessionStore> stores;

    LegacySseStreamFilter(RouteConfig route, Supplier<SessionStore> stores) {
        this.route = route;
        this.stores = stores;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET
                || !exchange.getRequest()
                        .getPath()
                        .pathWithinApplication()
                        .value()
                        .equals(route.path())) {
            return chain.filter(exchange);
        }
        SessionStore store = stores.get();
        AtomicReference<String> boundKey = new AtomicReference<>();
        Optional<SessionOwner> authenticated = SessionPrincipal.of(exchange);
        if (authenticated.isEmpty()) {
            // Every route requires a token, so security has refused the request before this step.
            return Mono.error(new IllegalStateException("An unauthenticated request reached the legacy stream"));
        }
        SessionOwner owner = authenticated.get();
        RewritingResponse response = new RewritingResponse(
                exchange.getResponse(),
                new RewritingResponse.Rewrite() {
                    @Override
                    public Mono<byte[]> event(SseEvent event) {
                        return rewriteEndpoint(event, route, owner, store, boundKey);
                    }

                    @Override
                    public Mono<byte[]> json(byte[] body) {
                        return Mono.just(body);
                    }
                },
                false);
        return chain.filter(exchange.mutate().response(response).build()).doFinally(signal -> {
            String key = boundKey.get();
            if (key != null) {
                store.remove(key).subscribe(done -> {}, failed -> {});
            }
        });
    }

    private static Mono<byte[]> rewriteEndpoint(
            SseEvent parsed,
            RouteConfig route,
            SessionOwner owner,
            SessionStore store,
            AtomicReference<String> boundKey) {
        if (!ENDPOINT_EVENT.equals(parsed.type()) || parsed.data() == null) {
            return Mono.just(parsed.raw());
        }
        LegacyEndpoint endpoint;
        try {
            endpoint = LegacyEndpoint.from(route.upstream(), parsed.data());
        } catch (IllegalArgumentException offOrigin) {
            // An upstream fault (e.g. an endpoint on another origin): a broken upstream response, never followed.
            return Mono.error(new UninspectableResponseException("The upstream announced an unusable endpoint"));
        }
        String key = SessionStore.key(route.id(), endpoint.sessionId());
        return store.bindIfAbsent(key, new SessionBinding(owner, endpoint.upstreamEndpoint()))
                .flatMap(binding -> {
                    if (!binding.owner().equals(owner)) {
                        return Mono.error(new UninspectableResponseException(
                                "The upstream announced a session bound to another principal"));
                    }
                    boundKey.set(key);
                    return Mono.just(parsed.withData(endpoint.publicEndpoint(route)));
                });
    }
}
