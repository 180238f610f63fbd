package dev.mcpgateway.proxy;

import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends the request to the upstream's own MCP path: the public path {@code /github/mcp} becomes,
 * say, {@code /mcp} on the upstream. The query string is kept as received.
 */
final class UpstreamPathFilter implements GatewayFilter {

    /** Before {@code RouteToRequestUrlFilter} (10000), which builds the upstream URL from the request path. */
    static final int ORDER = 9000;

    private final String upstreamPath;

    UpstreamPathFilter(URI upstream) {
        String path = upstream.getRawPath();
        this.upstreamPath = path == null || path.isEmpty() ? "/" : path;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        ServerWebExchangeUtils.addOriginalRequestUrl(exchange, request.getURI());
        ServerHttpRequest rewritten = request.mutate().path(upstreamPath).build();
        return chain.filter(exchange.mutate().request(rewritten).build());
    }
}
