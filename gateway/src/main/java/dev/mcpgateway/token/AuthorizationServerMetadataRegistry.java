package dev.mcpgateway.token;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.ConfigException;
import dev.mcpgateway.config.ConfigException.ConfigProblem;
import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The authorization servers' metadata as checked when the configuration was loaded ({@link MetadataChecker}), for
 * health details and for the legacy metadata mirror at the gateway origin.
 *
 * <p><b>Start-up.</b> The check runs once before the web server starts (this lifecycle's phase is lower than Spring
 * Boot's web server's, {@code SmartLifecycle.DEFAULT_PHASE - 2048}), so no request is served with a configuration
 * whose metadata contradicts it; an issuer mismatch stops start-up with a {@link ConfigException}. The calling thread
 * (Spring's main thread) waits for the non-blocking lookups, which run on Reactor Netty's client threads, for at most
 * the check's time limit: the gateway accepts no traffic yet, so there is nothing to block.
 *
 * <p><b>Reload.</b> The same check gates every new configuration ({@link GatewayConfigStore#addCheck}); it runs on
 * the routes-file watcher thread. Waiting is refused on a non-blocking (event-loop) thread.
 */
public final class AuthorizationServerMetadataRegistry implements SmartLifecycle {

    /** Before the web server, which Spring Boot starts in phase {@code DEFAULT_PHASE - 2048}. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    /** Least time between two on-demand lookups of one server whose metadata was not found. */
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(30);

    private final GatewayConfigStore store;
    private final MetadataChecker checker;
    private final IssuerMetadataDiscovery discovery;
    private final Duration wait;
    private final Clock clock;
    /** Replaced whole; updates are serialised on {@code this}. */
    private volatile Map<String, MetadataStatus> statuses = Map.of();

    private final AtomicReference<Checked> pending = new AtomicReference<>();
    private final Map<String, Instant> lastLookup = new ConcurrentHashMap<>();
    private volatile boolean running;

    /**
     * @param timeLimit the longest one check may take, all servers together
     */
    public AuthorizationServerMetadataRegistry(
            GatewayConfigStore store, IssuerMetadataDiscovery discovery, Duration timeLimit, Clock clock) {
        this.store = store;
        this.discovery = discovery;
        this.checker = new MetadataChecker(discovery, timeLimit);
        this.wait = timeLimit.plusSeconds(5);
        this.clock = clock;
        store.addCheck(this::checkCandidate);
        store.onChange(this::publishChecked);
    }

    /** @throws ConfigException when a server's metadata declares another issuer */
    @Override
    public void start() {
        GatewayConfig config = store.current();
        Map<String, MetadataStatus> checked = await(config);
        List<ConfigProblem> problems = MetadataChecker.problems(config, checked);
        if (!problems.isEmpty()) {
            throw new ConfigException(store.file().toString(), problems);
        }
        publish(config, checked);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The status of every configured server, by name, as of the last accepted configuration. */
    public Map<String, MetadataStatus> statuses() {
        return statuses;
    }

    /**
     * The valid metadata of {@code server}: as checked at load time, or looked up now (at most once per
     * {@link #RETRY_INTERVAL}) when it was missing then; empty when there is none with the configured issuer.
     */
    public Mono<AuthorizationServerMetadata> metadata(AuthorizationServerConfig server) {
        MetadataStatus known = statuses.get(server.name());
        if (known != null
                && known.state() == MetadataStatus.State.VALID
                && known.issuer().equals(server.issuer())) {
            return Mono.just(known.foundMetadata());
        }
        Instant now = clock.instant();
        AtomicBoolean due = new AtomicBoolean();
        lastLookup.compute(server.name(), (name, previous) -> {
            if (previous != null && now.isBefore(previous.plus(RETRY_INTERVAL))) {
                return previous;
            }
            due.set(true);
            return now;
        });
        if (!due.get()) {
            return Mono.empty();
        }
        return discovery
                .metadata(server.issuer())
                .filter(found -> server.issuer().equals(found.declaredIssuer()))
                .doOnNext(found -> remember(server, found))
                .onErrorResume(error -> Mono.empty());
    }

    private synchronized void remember(AuthorizationServerConfig server, AuthorizationServerMetadata found) {
        Map<String, MetadataStatus> updated = new HashMap<>(statuses);
        updated.put(
                server.name(),
                new MetadataStatus(
                        server.name(),
                        server.issuer(),
                        MetadataStatus.State.VALID,
                        found,
                        found.supportsS256() ? List.of() : List.of(MetadataChecker.NO_S256)));
        statuses = Map.copyOf(updated);
    }

    private List<ConfigProblem> checkCandidate(GatewayConfig candidate) {
        Map<String, MetadataStatus> checked = await(candidate);
        pending.set(new Checked(candidate, checked));
        return MetadataChecker.problems(candidate, checked);
    }

    private void publishChecked(GatewayConfig accepted) {
        Checked checked = pending.getAndSet(null);
        if (checked != null && checked.config() == accepted) {
            publish(accepted, checked.statuses());
        } else {
            keepOnlyServersOf(accepted);
        }
    }

    /**
     * A configuration that went live without a check of its own (the end of a {@link GatewayConfigStore#overlay},
     * which only takes servers away) keeps what is known of its servers and forgets the others: health never shows a
     * server that is gone, such as the warm-up's.
     */
    private synchronized void keepOnlyServersOf(GatewayConfig accepted) {
        Map<String, MetadataStatus> kept = new HashMap<>();
        statuses.forEach((name, status) -> {
            AuthorizationServerConfig server = accepted.authorizationServers().get(name);
            if (server != null && server.issuer().equals(status.issuer())) {
                kept.put(name, status);
            }
        });
        statuses = Map.copyOf(kept);
    }

    private void publish(GatewayConfig config, Map<String, MetadataStatus> checked) {
        synchronized (this) {
            statuses = Map.copyOf(checked);
        }
        lastLookup.clear();
        MetadataChecker.report(config, checked);
    }

    /** The one deliberate wait: start-up and reload only, never on an event-loop thread (see the class comment). */
    private Map<String, MetadataStatus> await(GatewayConfig config) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException(
                    "Authorization server metadata is checked on start-up and reload threads only");
        }
        try {
            return checker.check(config).toFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        }
    }

    private record Checked(GatewayConfig config, Map<String, MetadataStatus> statuses) {}
}
