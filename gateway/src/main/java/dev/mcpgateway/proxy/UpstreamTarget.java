package dev.mcpgateway.proxy;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.mcp.LegacySessionFilter;
import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Where the request goes: the route's upstream endpoint, computed once when the route is built (the public path
 * {@code /github/mcp} becomes, say, {@code http://github-mcp:8080/mcp}). The client's path and query are never
 * used: MCP endpoints define no query, and a passed-through {@code ?sessionId=} would reach a legacy upstream
 * unchecked. A legacy message POST goes to the path and query its upstream announced for the session, always on the
 * route's upstream origin. This replaces Spring Cloud Gateway's {@code RouteToRequestUrlFilter} (turned off), which
 * merges the request path into the route URI with a regular expression on every request.
 */
final class UpstreamTarget implements GatewayFilter {

    private final URI upstream;

    UpstreamTarget(RouteConfig route) {
        URI configured = route.upstream();
        String path =
                configured.getRawPath() == null || configured.getRawPath().isEmpty() ? "/" : configured.getRawPath();
        this.upstream = UriComponentsBuilder.fromUri(configured)
                .replacePath(path)
                .replaceQuery(null)
                .fragment(null)
                .build(true)
                .toUri();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI target = LegacySessionFilter.announcedEndpoint(exchange)
                .map(announced -> UriComponentsBuilder.fromUri(upstream)
                        .replacePath(announced.getRawPath())
                        .replaceQuery(announced.getRawQuery())
                        .build(true)
                        .toUri())
                .orElse(upstream);
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
        return chain.filter(exchange);
    }

    /** The route's MCP endpoint upstream (the same instance on every request that goes there). */
    URI endpoint() {
        return upstream;
    }

    @Override
    public String toString() {
        return "UpstreamTarget[" + upstream + "]";
    }
}
