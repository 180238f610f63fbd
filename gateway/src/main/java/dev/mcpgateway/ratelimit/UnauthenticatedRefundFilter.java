package dev.mcpgateway.ratelimit;

import dev.mcpgateway.token.ExchangePrincipal;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives an authenticated request back the client-address token that {@link UnauthenticatedRateLimitFilter}
 * took before validation: the unauthenticated limit counts only requests that fail authentication.
 * Runs right after Spring Security, which only lets authenticated, authorized requests to MCP
 * endpoints through, and before the request can spend time upstream.
 */
public final class UnauthenticatedRefundFilter implements WebFilter {

    private final LocalBucketStore buckets;

    UnauthenticatedRefundFilter(LocalBucketStore buckets) {
        this.buckets = buckets;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String charged = (String) exchange.getAttributes().remove(UnauthenticatedRateLimitFilter.CHARGED_ATTRIBUTE);
        if (charged == null) {
            return chain.filter(exchange);
        }
        if (ExchangePrincipal.of(exchange).isPresent()) {
            buckets.refund(charged);
        }
        return chain.filter(exchange);
    }
}
