package dev.mcpgateway.proxy;

import dev.mcpgateway.mcp.UninspectableResponseException;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Statuses an upstream may not hand to an MCP client, answered {@code 502} instead, before any of the body is
 * written: {@code 401} and {@code 407} (only the gateway, the client's resource server, can ask it to
 * authenticate: an upstream's challenge would start an OAuth flow against the wrong server), redirects ({@code 3xx}:
 * the gateway fronts one fixed upstream, and a {@code Location} would expose internal hosts or send the client
 * elsewhere), and an informational status passed off as final ({@code 1xx}). Runs between Spring Cloud Gateway's
 * routing filter, which sets the upstream's status, and its response writer.
 */
public final class UpstreamStatusFilter implements GatewayFilter {

    static final UpstreamStatusFilter INSTANCE = new UpstreamStatusFilter();

    private UpstreamStatusFilter() {}

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).then(Mono.defer(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            boolean fromUpstream = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR) != null;
            if (!fromUpstream || status == null || !refused(status.value())) {
                return Mono.empty();
            }
            return Mono.error(new UninspectableResponseException(
                    "The upstream answered " + status.value() + ", which the gateway does not pass on"));
        }));
    }

    static boolean refused(int status) {
        return status < 200 || status >= 300 && status < 400 || status == 401 || status == 407;
    }
}
