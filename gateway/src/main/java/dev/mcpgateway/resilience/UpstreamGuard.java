package dev.mcpgateway.resilience;

import dev.mcpgateway.config.ResilienceConfig;
import dev.mcpgateway.config.ResilienceConfig.CircuitBreakerSettings;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The resilience4j state of one route's upstream: a count-based circuit breaker, and two semaphore bulkheads that
 * never wait (a full bulkhead answers {@code 503} at once), one for calls and one for GET streams.
 *
 * <p>Slow calls are not failures here: MCP tools may legitimately take minutes, and the route's first-byte timeout
 * already turns a hung upstream into a failure.
 */
public final class UpstreamGuard {

    /** Effectively disables resilience4j's slow-call rule; first-byte timeouts bound the wait instead. */
    private static final Duration NEVER_SLOW = Duration.ofDays(365);

    private final ResilienceConfig settings;
    private final CircuitBreaker breaker;
    private final Bulkhead calls;
    private final Bulkhead streams;
    private final Clock clock;
    private volatile Instant openedAt = Instant.MIN;

    public UpstreamGuard(String routeId, ResilienceConfig settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        CircuitBreakerSettings cb = settings.circuitBreaker();
        this.breaker = CircuitBreaker.of(
                routeId,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(cb.slidingWindow())
                        .minimumNumberOfCalls(cb.minimumCalls())
                        .failureRateThreshold(cb.failureRateThreshold())
                        .waitDurationInOpenState(cb.waitInOpen())
                        .permittedNumberOfCallsInHalfOpenState(cb.halfOpenCalls())
                        .slowCallDurationThreshold(NEVER_SLOW)
                        .writableStackTraceEnabled(false)
                        .build());
        this.breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt = clock.instant();
            }
        });
        this.calls = bulkhead(routeId + ".calls", settings.bulkhead().maxConcurrentCalls());
        this.streams = bulkhead(routeId + ".streams", settings.bulkhead().maxStreams());
    }

    private static Bulkhead bulkhead(String name, int limit) {
        return Bulkhead.of(
                name,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(limit)
                        .maxWaitDuration(Duration.ZERO)
                        .writableStackTraceEnabled(false)
                        .build());
    }

    public ResilienceConfig settings() {
        return settings;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public Bulkhead bulkhead(RequestKind kind) {
        return kind == RequestKind.STREAM ? streams : calls;
    }

    /** How long an open circuit will still refuse calls; at least one second (RFC 9110 §10.2.3 counts whole seconds). */
    public Duration retryAfter() {
        Duration remaining = settings.circuitBreaker().waitInOpen().minus(Duration.between(openedAt, clock.instant()));
        return remaining.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : remaining;
    }
}
