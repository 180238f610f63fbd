package dev.mcpgateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Stops sending requests to an upstream that keeps failing, and probes it again after a while (resilience4j
 * circuit breaker, one per route). An open circuit answers {@code 503} with {@code Retry-After} without touching
 * the upstream.
 *
 * <p>The outcome is judged when the response headers arrive, the moment Spring Cloud Gateway's routing filter
 * completes: connect failures, first-byte timeouts and {@code 5xx} answers are failures; anything else is a success.
 * A stream's length never counts, and a client that gives up before the headers leaves no verdict.
 */
public final class CircuitBreakerFilter implements GatewayFilter {

    private final String routeId;
    private final UpstreamGuard guard;

    CircuitBreakerFilter(String routeId, UpstreamGuard guard) {
        this.routeId = routeId;
        this.guard = guard;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        CircuitBreaker breaker = guard.breaker();
        if (!breaker.tryAcquirePermission()) {
            return Mono.error(new UpstreamRefusedException(UpstreamFailure.CIRCUIT_OPEN, routeId, guard.retryAfter()));
        }
        long started = breaker.getCurrentTimestamp();
        TimeUnit unit = breaker.getTimestampUnit();
        return chain.filter(exchange)
                .doOnSuccess(done -> {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    long elapsed = breaker.getCurrentTimestamp() - started;
                    if (status != null && status.is5xxServerError()) {
                        breaker.onError(elapsed, unit, new UpstreamServerError(status.value()));
                    } else {
                        breaker.onSuccess(elapsed, unit);
                    }
                })
                .doOnError(error -> breaker.onError(breaker.getCurrentTimestamp() - started, unit, error))
                .doOnCancel(breaker::releasePermission);
    }

    /** A {@code 5xx} answer, recorded as a failure; the answer itself still reaches the client unchanged. */
    static final class UpstreamServerError extends RuntimeException {
        UpstreamServerError(int status) {
            super("upstream answered " + status, null, false, false);
        }
    }
}
