package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.RateLimitPlan;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.RoutedExchange;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The limit on traffic that does not authenticate ({@code gateway.unauthenticated-rate-limit}),
 * charged per client address (see {@link ClientAddressResolver}) <em>before</em> token validation:
 * a flood of missing, forged or expired tokens from one address is answered {@code 429} without
 * ever reaching the verifier, so it cannot drive JWKS or introspection calls (spring-brief §2,
 * "JWKS caching and rotation"; RFC 6585 §4).
 *
 * <p>Every request to an MCP endpoint takes a token up front, which bounds even concurrent floods;
 * {@link UnauthenticatedRefundFilter} gives it back as soon as the request has passed Spring Security
 * (a valid token with the route's baseline scopes), so clients with valid tokens are never limited by
 * it: only requests that security refuses count (no token, a bad or expired token, missing baseline
 * scopes, or an authorization server that cannot be reached).
 * The cost: while an address's bucket is empty, a valid token from that same address is refused
 * too, since the gateway cannot know it is valid without validating it.
 *
 * <p>These buckets always live in this replica's memory: the limit protects this replica's own
 * validation work, and sharing it through Redis would turn an attack into load on Redis.
 */
public final class UnauthenticatedRateLimitFilter implements WebFilter {

    /** The bucket a request was charged to, for {@link UnauthenticatedRefundFilter}. */
    static final String CHARGED_ATTRIBUTE = UnauthenticatedRateLimitFilter.class.getName() + ".charged";

    private final LocalBucketStore buckets;
    private final RateLimitErrors answers;
    private final RateLimitMetrics metrics;

    UnauthenticatedRateLimitFilter(LocalBucketStore buckets, RateLimitErrors answers, RateLimitMetrics metrics) {
        this.buckets = buckets;
        this.answers = answers;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RouteConfig route = RoutedExchange.route(exchange).orElse(null);
        GatewayConfig config = RoutedExchange.config(exchange);
        RateLimitPlan plan = config.rateLimits().unauthenticated();
        if (route == null || plan == null) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        String client = ClientAddressResolver.clientKey(
                request.getRemoteAddress(),
                request.getHeaders().get(ClientAddressResolver.FORWARDED_FOR),
                config.trustedProxies());
        Limit limit = new Limit(Limit.UNAUTHENTICATED, RateLimitKeys.client(client, plan), plan);
        Consumption consumption = buckets.tryConsumeNow(limit.key(), plan);
        if (!consumption.consumed()) {
            metrics.rejected(Limit.UNAUTHENTICATED, route.id());
            return answers.tooManyRequests(exchange, limit, consumption);
        }
        exchange.getAttributes().put(CHARGED_ATTRIBUTE, limit.key());
        return chain.filter(exchange);
    }
}
