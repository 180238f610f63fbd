package dev.mcpgateway.mcp;

import dev.mcpgateway.PipelineOrder;
import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Sends an accepted legacy message POST to the path and query the upstream announced for its session
 * (the host is always the route's upstream, whatever was announced). Runs after the proxy's own path
 * rewrite, which targets the upstream's SSE endpoint.
 */
public final class LegacyMessageForwardFilter implements GlobalFilter, Ordered {

    private static final String TARGET_ATTRIBUTE = LegacyMessageForwardFilter.class.getName() + ".target";

    static void target(ServerWebExchange exchange, String upstreamEndpoint) {
        exchange.getAttributes().put(TARGET_ATTRIBUTE, upstreamEndpoint);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String target = exchange.getAttribute(TARGET_ATTRIBUTE);
        if (target == null) {
            return chain.filter(exchange);
        }
        URI announced = URI.create(target);
        URI rewritten = UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                .replacePath(announced.getRawPath())
                .replaceQuery(announced.getRawQuery())
                .build(true)
                .toUri();
        return chain.filter(
                exchange.mutate().request(request -> request.uri(rewritten)).build());
    }

    @Override
    public int getOrder() {
        return PipelineOrder.LEGACY_MESSAGE_FORWARD;
    }
}
