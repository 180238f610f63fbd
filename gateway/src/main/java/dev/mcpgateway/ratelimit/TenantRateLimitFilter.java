package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.GatewayRateLimits.OnStoreFailure;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.mcp.McpCallInfo;
import dev.mcpgateway.ratelimit.Consumption.Verdict;
import dev.mcpgateway.ratelimit.RateLimitErrors.Charge;
import dev.mcpgateway.token.ExchangePrincipal;
import dev.mcpgateway.token.TenantResolver;
import dev.mcpgateway.web.RoutedExchange;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 7, the tenant rate limit (DESIGN.md §2): each request to a route with a
 * {@code rate-limit} takes a token per JSON-RPC message from its tenant's bucket (see {@link TenantResolver}) and,
 * for each {@code tools/call} of a tool with a plan, one from the tenant's bucket for that tool
 * ({@link AppliedLimits}: a batch pays for every element, and is refused whole if any limit refuses). Every request
 * counts when it arrives: a GET that opens a long-lived stream costs one token, its events nothing. An empty bucket
 * answers {@code 429} and the request never reaches the upstream. When the
 * store cannot answer, {@code rate-limit-on-store-failure} decides: {@code allow} lets the request
 * through, {@code deny} answers {@code 503}.
 */
public final class TenantRateLimitFilter implements GatewayFilter {

    private final RouteConfig route;
    private final CurrentRateLimitStore store;
    private final RateLimitErrors answers;
    private final RateLimitMetrics metrics;

    /** @param route a route with a {@code rate-limit} */
    TenantRateLimitFilter(
            RouteConfig route, CurrentRateLimitStore store, RateLimitErrors answers, RateLimitMetrics metrics) {
        this.route = route;
        this.store = store;
        this.answers = answers;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        List<Limit> limits = ExchangePrincipal.of(exchange)
                .map(principal -> AppliedLimits.forRequest(
                        route, TenantResolver.tenant(principal, route.tenantClaim()), McpCallInfo.messages(exchange)))
                .orElse(List.of());
        return limits.isEmpty() ? chain.filter(exchange) : charge(exchange, chain, route, limits);
    }

    /**
     * Charges the buckets in order and stops at the first that does not give the tokens; a refused request gets
     * back what earlier buckets gave, so a refusal costs nothing.
     */
    private Mono<Void> charge(
            ServerWebExchange exchange, GatewayFilterChain chain, RouteConfig route, List<Limit> limits) {
        return Flux.fromIterable(limits)
                .concatMap(limit -> store.tryConsume(limit.key(), limit.plan(), limit.tokens())
                        .map(consumption -> new Charge(limit, consumption)))
                .takeUntil(charge -> !charge.consumption().consumed())
                .collectList()
                .flatMap(charges -> {
                    if (charges.isEmpty()) {
                        return chain.filter(exchange);
                    }
                    Charge last = charges.get(charges.size() - 1);
                    if (last.consumption().verdict() == Verdict.REJECTED) {
                        metrics.rejected(last.limit().policy(), route.id());
                        return refundConsumed(charges)
                                .then(answers.tooManyRequests(exchange, last.limit(), last.consumption()));
                    }
                    if (last.consumption().verdict() == Verdict.STORE_UNAVAILABLE
                            && RoutedExchange.config(exchange).rateLimits().onStoreFailure() == OnStoreFailure.DENY) {
                        return answers.storeUnavailable(exchange);
                    }
                    RateLimitErrors.describeOnCommit(
                            exchange,
                            charges.stream()
                                    .filter(c -> c.consumption().consumed())
                                    .toList());
                    return chain.filter(exchange);
                });
    }

    private Mono<Void> refundConsumed(List<Charge> charges) {
        return Flux.fromIterable(charges)
                .filter(charge -> charge.consumption().consumed())
                .concatMap(charge -> store.refund(
                        charge.limit().key(),
                        charge.limit().plan(),
                        charge.limit().tokens()))
                .then();
    }
}
