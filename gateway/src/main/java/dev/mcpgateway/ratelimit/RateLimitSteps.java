package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RouteConfig;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.web.server.WebFilter;

/**
 * The rate-limit steps of the pipeline: the per-address limit on traffic that does not authenticate, charged before
 * token validation and refunded once a request has passed security, and the tenant limit of a route (pipeline step
 * 7), built once per route when {@code routes.yaml} loads; a route without {@code rate-limit} gets no such step.
 */
public final class RateLimitSteps {

    private final UnauthenticatedRateLimitFilter unauthenticatedLimit;
    private final UnauthenticatedRefundFilter unauthenticatedRefund;
    private final CurrentRateLimitStore store;
    private final RateLimitErrors answers;
    private final RateLimitMetrics metrics;

    RateLimitSteps(
            LocalBucketStore clientAddressBuckets,
            CurrentRateLimitStore store,
            RateLimitErrors answers,
            RateLimitMetrics metrics) {
        this.unauthenticatedLimit = new UnauthenticatedRateLimitFilter(clientAddressBuckets, answers, metrics);
        this.unauthenticatedRefund = new UnauthenticatedRefundFilter(clientAddressBuckets);
        this.store = store;
        this.answers = answers;
        this.metrics = metrics;
    }

    /** Takes a token from the client address's bucket before the request's token is validated. */
    public WebFilter unauthenticatedLimit() {
        return unauthenticatedLimit;
    }

    /** Gives that token back once the request has passed security. */
    public WebFilter unauthenticatedRefund() {
        return unauthenticatedRefund;
    }

    /** The route's tenant and per-tool buckets; empty when the route has no {@code rate-limit}. */
    public Optional<GatewayFilter> tenantLimit(RouteConfig route) {
        return route.rateLimit().isEmpty()
                ? Optional.empty()
                : Optional.of(new TenantRateLimitFilter(route, store, answers, metrics));
    }
}
