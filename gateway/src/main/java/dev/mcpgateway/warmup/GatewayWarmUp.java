package dev.mcpgateway.warmup;

import dev.mcpgateway.config.ConfigException;
import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.RateLimitPlan;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Warms the gateway up before it reports ready ({@code gateway.warm-up.duration}, off at {@code 0s}): once the
 * application has started, it puts {@link WarmUpRoute} live beside the routes of {@code routes.yaml}
 * ({@link GatewayConfigStore#overlay}), drives {@link WarmUpTraffic} through the gateway's own server port for the
 * duration, then takes the route away again and stops its {@link WarmUpPeer}. Until then this readiness contributor
 * reports {@code OUT_OF_SERVICE}, so Kubernetes sends the replica no traffic while the JIT is still compiling the
 * request path: a new replica's first clients get the steady throughput, not a tenth of it.
 *
 * <p>It never holds a replica back for good: a warm-up that fails (its route rejected, its traffic unanswered) is
 * logged and the gateway turns ready without it; a warm-up is bounded by its duration plus a margin. Its requests are
 * not audited, not traced, and counted in route meters of a registry of their own (the audit trail and the route
 * dashboards show clients only); the token-cache counters and the JWK Set reads of its server
 * ({@value WarmUpRoute#ID}) do include them.
 */
public final class GatewayWarmUp implements HealthIndicator, ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(GatewayWarmUp.class);

    /** Distinct tokens each verified once: the new-token path gets its share of the warm-up. */
    private static final int NEW_TOKENS = 256;

    /** Never more requests without a token than this, nor more than a quarter of the per-address limit. */
    private static final long MAX_UNAUTHENTICATED = 64;

    /** How long past its duration a warm-up may take (minting tokens, the route's checks, the last answers). */
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final GatewayConfigStore store;
    private final WarmUpSettings settings;
    private volatile State state;
    private volatile String summary = "";
    private volatile @Nullable CompletableFuture<Void> traffic;

    GatewayWarmUp(GatewayConfigStore store, WarmUpSettings settings) {
        this.store = store;
        this.settings = settings;
        this.state = settings.enabled() ? State.PENDING : State.OFF;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (state != State.PENDING
                || !(event.getApplicationContext() instanceof WebServerApplicationContext context)
                || context.getWebServer() == null) {
            return;
        }
        start(context.getWebServer().getPort());
    }

    /** Starts the warm-up against the server port {@code port} on {@code 127.0.0.1}, on a thread of its own. */
    void start(int port) {
        state = State.RUNNING;
        Thread thread = new Thread(() -> warmUp(port), "mcp-gateway-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Health health() {
        Health.Builder health =
                state == State.PENDING || state == State.RUNNING ? Health.status(Status.OUT_OF_SERVICE) : Health.up();
        health.withDetail("warmUp", state.name().toLowerCase(Locale.ROOT));
        return summary.isEmpty()
                ? health.build()
                : health.withDetail("summary", summary).build();
    }

    /** Whether the warm-up has ended (or is off); for tests and the log. */
    boolean finished() {
        State now = state;
        return now != State.PENDING && now != State.RUNNING;
    }

    /** What the warm-up did, e.g. {@code 41,200 requests in 20.0 s (200: 40,000, 202: 1,200)}, once finished. */
    String summary() {
        return summary;
    }

    /**
     * Whatever happens, the route is taken away again (also when putting it live failed half-way, after some listener
     * had it already) and readiness turns {@code UP} once it is gone: the outcome is set last, in a {@code finally},
     * so not even an {@link Error} leaves the replica out of service.
     */
    private void warmUp(int port) {
        long started = System.nanoTime();
        State outcome = State.FAILED;
        log.info("Warming up for {} with {} connections; readiness waits", settings.duration(), settings.connections());
        try (WarmUpPeer peer = WarmUpPeer.start()) {
            WarmUpRoute route = WarmUpRoute.forPeer(store.current(), peer);
            try {
                List<ConfigException.ConfigProblem> problems = store.overlay(route.overlay());
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("its route was rejected: " + problems);
                }
                WarmUpTraffic traffic = new WarmUpTraffic(
                        port,
                        settings.connections(),
                        peer,
                        route,
                        NEW_TOKENS,
                        unauthenticatedAllowance(store.current()));
                CompletableFuture<Void> done = traffic.run(
                                settings.connections(), settings.duration(), settings.maxRequests())
                        .toFuture();
                this.traffic = done;
                try {
                    done.get(settings.duration().plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
                } finally {
                    this.traffic = null;
                    // After a time-out too: no warm-up request is sent once the warm-up is over.
                    done.cancel(true);
                    traffic.close();
                }
                summary = describe(traffic.statuses(), System.nanoTime() - started);
                if (traffic.gaveUp()) {
                    log.warn(
                            "Warm-up failed, the gateway turns ready without it: its own port {} on 127.0.0.1 did not"
                                    + " answer ({})",
                            port,
                            summary);
                } else {
                    outcome = State.DONE;
                    log.info("Warm-up done: {}; the upstream of the warm-up answered {}", summary, peer.answered());
                }
            } finally {
                store.removeOverlay();
            }
        } catch (RuntimeException | LinkageError | ExecutionException | TimeoutException e) {
            // LinkageError: a class the warm-up alone needs may be missing (a native image); the gateway is fine.
            if (state != State.STOPPED) {
                summary = "failed: " + e.getMessage();
                log.warn("Warm-up failed, the gateway turns ready without it: {}", e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (state == State.RUNNING) {
                state = outcome;
            }
        }
    }

    /** The context closes (shutdown during the warm-up): its requests stop at once. */
    public void close() {
        if (!finished()) {
            state = State.STOPPED;
        }
        CompletableFuture<Void> running = traffic;
        if (running != null) {
            running.cancel(true);
        }
    }

    private static long unauthenticatedAllowance(GatewayConfig config) {
        RateLimitPlan plan = config.rateLimits().unauthenticated();
        return plan == null ? MAX_UNAUTHENTICATED : Math.min(MAX_UNAUTHENTICATED, plan.capacity() / 4);
    }

    private static String describe(Map<Integer, Long> statuses, long nanos) {
        long total = statuses.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text =
                new StringBuilder(String.format(Locale.ROOT, "%,d requests in %.1f s (", total, nanos / 1e9));
        statuses.forEach((status, count) -> text.append(status == -1 ? "no answer" : status)
                .append(": ")
                .append(String.format(Locale.ROOT, "%,d", count))
                .append(", "));
        if (!statuses.isEmpty()) {
            text.setLength(text.length() - 2);
        }
        return text.append(')').toString();
    }

    private enum State {
        OFF,
        PENDING,
        RUNNING,
        DONE,
        FAILED,
        STOPPED
    }
}
