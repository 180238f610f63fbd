package dev.mcpgateway.resilience;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.RouteConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * One {@link UpstreamGuard} per route. A reload that changes a route's resilience settings starts it afresh (closed
 * circuit, empty bulkheads); exchanges in flight keep releasing into the guard they acquired from. Routes that a
 * reload removed are forgotten, and their circuit-state gauges removed (no series of a route that is gone).
 */
public final class UpstreamGuards {

    private final ConcurrentMap<String, UpstreamGuard> byRoute = new ConcurrentHashMap<>();
    private final Clock clock;
    private final MeterRegistry registry;
    /** The circuit-state gauges of each route that has a guard, removed with the route. */
    private final ConcurrentMap<String, List<Gauge>> metered = new ConcurrentHashMap<>();

    public UpstreamGuards(GatewayConfigStore store, Clock clock) {
        this(store, clock, new CompositeMeterRegistry());
    }

    /**
     * @param registry gets {@value #CIRCUIT_STATE} (gauge; {@code route}, {@code state}: {@code closed}, {@code open},
     *                 {@code half_open}): 1 for the state the route's circuit breaker is in, 0 for the others
     */
    public UpstreamGuards(GatewayConfigStore store, Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.registry = registry;
        store.onChange(this::forgetRemovedRoutes);
    }

    static final String CIRCUIT_STATE = "gateway.circuit.state";

    public UpstreamGuard forRoute(RouteConfig route) {
        UpstreamGuard guard = byRoute.get(route.id());
        if (guard != null && guard.settings().equals(route.resilience())) {
            return guard;
        }
        metered.computeIfAbsent(route.id(), this::meterCircuit);
        return byRoute.compute(
                route.id(),
                (id, existing) -> existing != null && existing.settings().equals(route.resilience())
                        ? existing
                        : new UpstreamGuard(id, route.resilience(), clock));
    }

    /** Reads whichever guard the route has now, so a guard rebuilt by a reload keeps the same gauges. */
    private List<Gauge> meterCircuit(String routeId) {
        List<Gauge> gauges = new ArrayList<>();
        for (CircuitBreaker.State state :
                List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN)) {
            gauges.add(Gauge.builder(CIRCUIT_STATE, byRoute, guards -> {
                        UpstreamGuard current = guards.get(routeId);
                        return current != null && current.breaker().getState() == state ? 1 : 0;
                    })
                    .description("1 for the state the route's circuit breaker is in")
                    .tags("route", routeId, "state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        return List.copyOf(gauges);
    }

    private void forgetRemovedRoutes(GatewayConfig config) {
        Set<String> live = config.routes().stream().map(RouteConfig::id).collect(Collectors.toSet());
        byRoute.keySet().retainAll(live);
        metered.entrySet().removeIf(route -> {
            if (live.contains(route.getKey())) {
                return false;
            }
            route.getValue().forEach(registry::remove);
            return true;
        });
    }
}
