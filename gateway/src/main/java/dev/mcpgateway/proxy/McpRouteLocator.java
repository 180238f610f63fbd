package dev.mcpgateway.proxy;

import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.RouteConfig;
import java.util.List;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns each {@code routes.yaml} route into a Spring Cloud Gateway route. A route matches when the
 * request was pinned to it by {@link ExchangeRoutes}, so routing and security always agree on which
 * route's rules apply. Time limits bound connect and time-to-response-headers only: Spring Cloud
 * Gateway's response timeout ends when headers arrive, so established streams are never cut.
 */
public final class McpRouteLocator implements RouteLocator {

    private final GatewayConfigStore store;

    public McpRouteLocator(GatewayConfigStore store) {
        this.store = store;
    }

    @Override
    public Flux<Route> getRoutes() {
        return Flux.fromIterable(store.current().routes()).map(McpRouteLocator::toRoute);
    }

    private static Route toRoute(RouteConfig route) {
        return Route.async()
                .id(route.id())
                .uri(route.upstream())
                .asyncPredicate(exchange -> Mono.just(ExchangeRoutes.route(exchange)
                        .filter(pinned -> pinned.id().equals(route.id()))
                        .isPresent()))
                .filters(List.of(
                        new OrderedGatewayFilter(new UpstreamPathFilter(route.upstream()), UpstreamPathFilter.ORDER)))
                .metadata(
                        RouteMetadataUtils.CONNECT_TIMEOUT_ATTR,
                        Math.toIntExact(route.timeouts().connect().toMillis()))
                .metadata(
                        RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR,
                        route.timeouts().firstByte().toMillis())
                .build();
    }
}
