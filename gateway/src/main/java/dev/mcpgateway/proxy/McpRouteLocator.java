package dev.mcpgateway.proxy;

import dev.mcpgateway.authz.ToolSteps;
import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.mcp.McpSteps;
import dev.mcpgateway.mrtr.RequestStateSteps;
import dev.mcpgateway.ratelimit.RateLimitSteps;
import dev.mcpgateway.resilience.ResilienceSteps;
import dev.mcpgateway.web.RoutedExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Compiles each {@code routes.yaml} route into a Spring Cloud Gateway route whose filters are the route's pipeline
 * after routing (DESIGN.md §2 steps 6 to 12), built once per load: {@link #pipeline} is that pipeline, one step per
 * line, in execution order. Steps a route does not need (a tool policy, a rate limit, keep-alive, the legacy
 * transport, a connect retry) are not there at all. What comes before routing is {@link GatewaySecurityConfiguration}.
 *
 * <p>A route matches the exchanges pinned to its own {@link RouteConfig} by route resolution, compared by identity,
 * so the steps that run are always those built from the configuration the request was authenticated under. A reload
 * compiles the new routes before the new configuration goes live ({@link GatewayConfigStore#beforeChange}) and keeps
 * the previous generation too, for requests pinned to it that have not reached routing yet.
 *
 * <p>Time limits bound connect and time-to-response-headers only, so established streams are never cut. Each route has
 * its own {@link UpstreamClient} (the shared connection pool with the route's connect timeout, its header rules and
 * prepared request senders), made here once and read by {@link McpRoutingFilter}.
 */
public final class McpRouteLocator implements RouteLocator {

    private final Steps steps;
    private final HttpClient httpClient;
    private final Consumer<McpRouteLocator> refresh;
    private volatile Generations generations;

    /**
     * @param refresh asks Spring Cloud Gateway to fetch the routes again; called on the reloading thread, after the
     *                new routes are compiled and before the configuration they were compiled from goes live
     */
    McpRouteLocator(GatewayConfigStore store, Steps steps, HttpClient httpClient, Consumer<McpRouteLocator> refresh) {
        this.steps = steps;
        this.httpClient = httpClient;
        this.refresh = refresh;
        this.generations = new Generations(compile(store.current()), List.of());
        store.beforeChange(this::prepare);
    }

    @Override
    public Flux<Route> getRoutes() {
        Generations live = generations;
        return Flux.fromIterable(live.current()).concatWith(Flux.fromIterable(live.previous()));
    }

    private synchronized void prepare(GatewayConfig config) {
        generations = new Generations(compile(config), generations.current());
        refresh.accept(this);
    }

    private List<Route> compile(GatewayConfig config) {
        List<Route> routes = new ArrayList<>();
        for (RouteConfig route : config.routes()) {
            UpstreamTarget target = new UpstreamTarget(route);
            routes.add(Route.async()
                    .id(route.id())
                    .uri(route.upstream())
                    .asyncPredicate(exchange -> Mono.just(RoutedExchange.route(exchange)
                            .filter(pinned -> pinned == route)
                            .isPresent()))
                    .filters(pipeline(config, route, target))
                    .metadata(
                            McpRoutingFilter.UPSTREAM_CLIENT, new UpstreamClient(httpClient, route, target.endpoint()))
                    .build());
        }
        return List.copyOf(routes);
    }

    /** The route's steps after routing, in execution order. */
    private List<GatewayFilter> pipeline(GatewayConfig config, RouteConfig route, UpstreamTarget target) {
        return new RoutePipeline()
                .decorateResponse(steps.resilience().exchangeCompletion())
                .decorateResponse(steps.resilience().streamLifetime(route))
                .decorateResponse(steps.resilience().keepAlive(route))
                .decorateResponse(steps.tools().toolListShaping(route))
                .decorateResponse(steps.mcp().paramHeaderLearning(route))
                .decorateResponse(steps.requestState().sealing(route))
                .decorateResponse(steps.mcp().legacyStream(route))
                .decorateResponse(StreamingResponseFilter.INSTANCE)
                .onRequest(UpstreamStatusFilter.INSTANCE)
                .onRequest(steps.mcp().transportRules(route))
                .onRequest(steps.mcp().inspection(config, route))
                .onRequest(steps.mcp().sessionBinding(route))
                .onRequest(steps.tools().toolAuthorization(route))
                .onRequest(steps.requestState().requestState(config, route))
                .onRequest(steps.rateLimits().tenantLimit(route))
                .onRequest(target)
                .aroundUpstreamCall(steps.resilience().bulkhead(route))
                .aroundUpstreamCall(steps.resilience().circuitBreaker(route))
                .aroundUpstreamCall(steps.resilience().connectRetry(route))
                .build();
    }

    /** The features that contribute steps. */
    record Steps(
            McpSteps mcp,
            ToolSteps tools,
            RequestStateSteps requestState,
            RateLimitSteps rateLimits,
            ResilienceSteps resilience) {}

    /** The routes of the configuration live now, and of the one before it. */
    private record Generations(List<Route> current, List<Route> previous) {}
}
