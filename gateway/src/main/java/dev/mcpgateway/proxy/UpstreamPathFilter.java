package dev.mcpgateway.proxy;

import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Sends the request to the upstream's own MCP path: the public path {@code /github/mcp} becomes,
 * say, {@code /mcp} on the upstream. The client's query string is dropped: MCP endpoints define none,
 * and a passed-through {@code ?sessionId=} would reach a legacy upstream unchecked (the legacy message
 * path gets the query its upstream announced, in {@code mcp.LegacyMessageForwardFilter}).
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
        URI upstreamUri = UriComponentsBuilder.fromUri(request.getURI())
                .replacePath(upstreamPath)
                .replaceQuery(null)
                .build(true)
                .toUri();
        ServerHttpRequest rewritten = request.mutate().uri(upstreamUri).build();
        return chain.filter(exchange.mutate().request(rewritten).build());
    }
}
