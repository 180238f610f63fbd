package dev.mcpgateway.resilience;

import dev.mcpgateway.PipelineOrder;
import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.RouteConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
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
public final class CircuitBreakerFilter implements GlobalFilter, Ordered {

    private final UpstreamGuards guards;

    public CircuitBreakerFilter(UpstreamGuards guards) {
        this.guards = guards;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<RouteConfig> route = ExchangeRoutes.route(exchange);
        if (route.isEmpty()) {
            return chain.filter(exchange);
        }
        UpstreamGuard guard = guards.forRoute(route.get());
        CircuitBreaker breaker = guard.breaker();
        if (!breaker.tryAcquirePermission()) {
            return Mono.error(new UpstreamRefusedException(
                    UpstreamFailure.CIRCUIT_OPEN, route.get().id(), guard.retryAfter()));
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

    @Override
    public int getOrder() {
        return PipelineOrder.CIRCUIT_BREAKER;
    }

    /** A {@code 5xx} answer, recorded as a failure; the answer itself still reaches the client unchanged. */
    static final class UpstreamServerError extends RuntimeException {
        UpstreamServerError(int status) {
            super("upstream answered " + status, null, false, false);
        }
    }
}
