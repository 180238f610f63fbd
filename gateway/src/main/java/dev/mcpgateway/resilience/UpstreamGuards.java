package dev.mcpgateway.resilience;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.RouteConfig;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * One {@link UpstreamGuard} per route. A reload that changes a route's resilience settings starts it afresh (closed
 * circuit, empty bulkheads); exchanges in flight keep releasing into the guard they acquired from. Routes that a
 * reload removed are forgotten.
 */
public final class UpstreamGuards {

    private final ConcurrentMap<String, UpstreamGuard> byRoute = new ConcurrentHashMap<>();
    private final Clock clock;

    public UpstreamGuards(GatewayConfigStore store, Clock clock) {
        this.clock = clock;
        store.onChange(this::forgetRemovedRoutes);
    }

    public UpstreamGuard forRoute(RouteConfig route) {
        UpstreamGuard guard = byRoute.get(route.id());
        if (guard != null && guard.settings().equals(route.resilience())) {
            return guard;
        }
        return byRoute.compute(
                route.id(),
                (id, existing) -> existing != null && existing.settings().equals(route.resilience())
                        ? existing
                        : new UpstreamGuard(id, route.resilience(), clock));
    }

    private void forgetRemovedRoutes(GatewayConfig config) {
        Set<String> live = config.routes().stream().map(RouteConfig::id).collect(Collectors.toSet());
        byRoute.keySet().retainAll(live);
    }
}
