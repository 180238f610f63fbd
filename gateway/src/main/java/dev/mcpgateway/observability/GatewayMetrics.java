package dev.mcpgateway.observability;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.RouteConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-route meters of every loaded route, built when a configuration is loaded (before it goes live) and found
 * per request by the identity of the route the request is pinned to, so the hot path neither builds tags nor hashes
 * configuration records. The routes of the previous configuration keep theirs, for requests still pinned to it.
 *
 * <ul>
 *   <li>{@value #REQUESTS} (counter; {@code route}, {@code method}, {@code tool}, {@code outcome}, {@code reason})</li>
 *   <li>{@value #REQUEST_DURATION} (timer with fixed buckets; {@code route}): until the response ended</li>
 *   <li>{@value #FIRST_BYTE} (timer with fixed buckets; {@code route}): until the response headers were sent</li>
 *   <li>{@value #OPEN_STREAMS} (gauge; {@code route}): event streams being relayed now</li>
 *   <li>{@value #RATE_LIMITED} (counter; {@code route}, {@code tenant}): {@code 429} answers</li>
 * </ul>
 */
public final class GatewayMetrics {

    static final String REQUESTS = "gateway.requests";
    static final String REQUEST_DURATION = "gateway.request.duration";
    static final String FIRST_BYTE = "gateway.request.first.byte";
    static final String OPEN_STREAMS = "gateway.streams.open";
    static final String RATE_LIMITED = "gateway.requests.rate.limited";

    private final MeterRegistry registry;
    /** The warm-up route's meters: its requests are not the clients', so they never reach the exported registry. */
    private final MeterRegistry warmUpRegistry = new SimpleMeterRegistry();
    /** One counter per route id across reloads, so a reload never resets or forks the gauge. */
    private final ConcurrentMap<String, AtomicInteger> openStreams = new ConcurrentHashMap<>();

    private volatile Map<RouteConfig, RouteMeters> current;
    private volatile Map<RouteConfig, RouteMeters> previous = Map.of();

    GatewayMetrics(MeterRegistry registry, GatewayConfigStore store) {
        this.registry = registry;
        this.current = build(store.current());
        store.beforeChange(this::prepare);
    }

    /**
     * The meters of {@code route}, one of the routes of a loaded configuration; {@code warmUp}: the route is that
     * configuration's warm-up route, whose meters never reach the exported registry.
     */
    RouteMeters forRoute(RouteConfig route, boolean warmUp) {
        RouteMeters meters = current.get(route);
        if (meters == null) {
            meters = previous.get(route);
        }
        if (meters != null) {
            return meters;
        }
        // Pinned to a configuration older than the two kept: meters made on the spot, as the route's would be.
        return warmUp
                ? new RouteMeters(warmUpRegistry, route, new AtomicInteger())
                : new RouteMeters(registry, route, streams(route.id()));
    }

    private synchronized void prepare(GatewayConfig config) {
        Map<RouteConfig, RouteMeters> next = build(config);
        previous = current;
        current = next;
    }

    private Map<RouteConfig, RouteMeters> build(GatewayConfig config) {
        Map<RouteConfig, RouteMeters> meters = new IdentityHashMap<>();
        for (RouteConfig route : config.routes()) {
            meters.put(
                    route,
                    config.isWarmUp(route)
                            ? new RouteMeters(warmUpRegistry, route, new AtomicInteger())
                            : new RouteMeters(registry, route, streams(route.id())));
        }
        return meters;
    }

    private AtomicInteger streams(String routeId) {
        return openStreams.computeIfAbsent(routeId, id -> {
            AtomicInteger open = new AtomicInteger();
            Gauge.builder(OPEN_STREAMS, open, AtomicInteger::get)
                    .description("Event streams (text/event-stream responses) being relayed now")
                    .tag("route", id)
                    .register(registry);
            return open;
        });
    }
}
