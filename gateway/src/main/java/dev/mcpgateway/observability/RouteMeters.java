package dev.mcpgateway.observability;

import dev.mcpgateway.config.RouteConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one route, made when the route is loaded: the latency and time-to-first-byte timers and the open
 * streams gauge are registered then, and each request counter once, the first time its tag combination occurs, and
 * found again by a plain map look-up afterwards. Tags are bounded by construction: the route id comes from the
 * configuration, the method is an MCP method or {@code other}, the tool one the route's tool map names or
 * {@code other}, the tenant one the route's rate limit names or {@code other}, and outcome and reason come from
 * {@link Outcome}'s fixed vocabulary.
 */
final class RouteMeters {

    /** Service-level buckets of the latency histograms: a few, fixed, so a route costs a bounded series count. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30)
    };

    static final String OTHER = "other";
    static final String NONE = "none";

    private final MeterRegistry registry;
    private final String routeId;
    private final Set<String> tools;
    private final Set<String> tenants;
    private final Timer duration;
    private final Timer firstByte;
    private final AtomicInteger openStreams;
    private final ConcurrentMap<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> rateLimitedTenants = new ConcurrentHashMap<>();

    RouteMeters(MeterRegistry registry, RouteConfig route, AtomicInteger openStreams) {
        this.registry = registry;
        this.routeId = route.id();
        this.tools = route.toolScopes().keySet();
        this.tenants = route.rateLimit().tenants().keySet();
        this.openStreams = openStreams;
        this.duration = Timer.builder(GatewayMetrics.REQUEST_DURATION)
                .description("Time from the request's arrival until its response ended (a stream: until it closed)")
                .tag("route", routeId)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        this.firstByte = Timer.builder(GatewayMetrics.FIRST_BYTE)
                .description("Time from the request's arrival until the response headers were sent")
                .tag("route", routeId)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** The bounded tool tag: a tool the route's tool map names, {@code other}, or {@code none} for no tool. */
    String toolTag(@org.jspecify.annotations.Nullable String tool) {
        if (tool == null) {
            return NONE;
        }
        return tools.contains(tool) ? tool : OTHER;
    }

    /** The bounded tenant tag: a tenant the route's rate limit names, else {@code other}. */
    String tenantTag(String tenant) {
        return tenants.contains(tenant) ? tenant : OTHER;
    }

    void record(String method, String tool, Outcome outcome, long durationNanos, long firstByteNanos) {
        RequestKey key = new RequestKey(method, tool, outcome);
        Counter counter = requests.get(key);
        if (counter == null) {
            counter = requests.computeIfAbsent(key, this::requestCounter);
        }
        counter.increment();
        duration.record(durationNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (firstByteNanos >= 0) {
            firstByte.record(firstByteNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    void rateLimited(String tenantTag) {
        Counter counter = rateLimitedTenants.get(tenantTag);
        if (counter == null) {
            counter = rateLimitedTenants.computeIfAbsent(
                    tenantTag,
                    tenant -> Counter.builder(GatewayMetrics.RATE_LIMITED)
                            .description(
                                    "Requests refused with 429, by route and tenant (tenants the route names, or other)")
                            .tags("route", routeId, "tenant", tenant)
                            .register(registry));
        }
        counter.increment();
    }

    void streamOpened() {
        openStreams.incrementAndGet();
    }

    void streamClosed() {
        openStreams.decrementAndGet();
    }

    private Counter requestCounter(RequestKey key) {
        return Counter.builder(GatewayMetrics.REQUESTS)
                .description("Requests on MCP routes by method, tool and outcome")
                .tags(
                        "route", routeId,
                        "method", key.method(),
                        "tool", key.tool(),
                        "outcome", key.outcome().outcome(),
                        "reason", key.outcome().reason())
                .register(registry);
    }

    /** One tag combination of {@link GatewayMetrics#REQUESTS}; every component is already bounded. */
    private record RequestKey(String method, String tool, Outcome outcome) {}
}
