package dev.mcpgateway.resilience;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's part of a graceful shutdown (SIGTERM closes the application context), before the web server's own:
 *
 * <ol>
 *   <li>readiness turns to {@code REFUSING_TRAFFIC}, so Kubernetes stops routing to this replica;</li>
 *   <li>new MCP requests are refused with {@code 503} ({@link AdmissionFilter});</li>
 *   <li>calls in flight get up to {@code gateway.shutdown-grace-period} to finish;</li>
 *   <li>then open GET streams are ended cleanly (the client reconnects elsewhere with {@code Last-Event-ID});</li>
 *   <li>then Spring Boot's graceful web-server shutdown stops the listener.</li>
 * </ol>
 * Keep the grace period below {@code spring.lifecycle.timeout-per-shutdown-phase} and the pod's
 * {@code terminationGracePeriodSeconds}.
 */
public final class GracefulDrain implements SmartLifecycle {

    /** Stopped before the web server's graceful shutdown, which would otherwise wait for streams that never end. */
    public static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 512;

    private static final Logger log = LoggerFactory.getLogger(GracefulDrain.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration STREAMS_CLOSE_WAIT = Duration.ofSeconds(5);

    private final DrainState drain;
    private final ApplicationEventPublisher events;
    private final Duration gracePeriod;
    private volatile boolean running;

    public GracefulDrain(DrainState drain, ApplicationEventPublisher events, Duration gracePeriod) {
        this.drain = drain;
        this.events = events;
        this.gracePeriod = gracePeriod;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop(Runnable callback) {
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        drain.beginDraining();
        log.info(
                "Shutting down: refusing new MCP requests; waiting up to {} for {} calls in flight",
                gracePeriod,
                drain.inFlight(RequestKind.CALL));
        waitUntil(() -> drain.inFlight(RequestKind.CALL) == 0, gracePeriod)
                .doOnNext(drained -> {
                    if (!drained) {
                        log.warn("Grace period over with {} calls still in flight", drain.inFlight(RequestKind.CALL));
                    }
                    log.info("Closing {} open streams", drain.inFlight(RequestKind.STREAM));
                    drain.closeStreams();
                })
                .then(waitUntil(() -> drain.inFlight(RequestKind.STREAM) == 0, STREAMS_CLOSE_WAIT))
                .doFinally(signal -> {
                    running = false;
                    callback.run();
                })
                .subscribe();
    }

    @Override
    public void stop() {
        CountDownLatch stopped = new CountDownLatch(1);
        stop(stopped::countDown);
        try {
            stopped.await(gracePeriod.plus(STREAMS_CLOSE_WAIT).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Emits true once {@code condition} holds, or false when {@code max} has passed first. */
    private static Mono<Boolean> waitUntil(BooleanSupplier condition, Duration max) {
        return Flux.interval(Duration.ZERO, POLL)
                .filter(tick -> condition.getAsBoolean())
                .next()
                .map(tick -> true)
                .timeout(max, Mono.just(false));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Draining is one-way: a paused context (Spring's test context cache pauses idle ones) must keep serving. */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
