package dev.mcpgateway.proxy;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells proxies in front of the gateway (nginx ingress and the like) not to buffer MCP responses:
 * a buffered SSE stream delivers progress notifications all at once, or never.
 */
public final class StreamingResponseFilter implements GatewayFilter {

    static final String ACCEL_BUFFERING = "X-Accel-Buffering";
    static final StreamingResponseFilter INSTANCE = new StreamingResponseFilter();

    private StreamingResponseFilter() {}

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(ACCEL_BUFFERING, "no");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
