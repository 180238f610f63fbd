package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.RouteExchanges;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** What the circuit breaker counts: connect failures, first-byte timeouts and 5xx answers; not 4xx, not cancels. */
class CircuitBreakerFilterTest {

    private final RouteExchanges routes = new RouteExchanges(
            "    resilience: { circuit-breaker: { failure-rate-threshold: 100, minimum-calls: 3, sliding-window: 3, wait-in-open: 1h } }\n");
    private final UpstreamGuards guards = new UpstreamGuards(routes.store(), Clock.systemUTC());
    private final CircuitBreakerFilter filter = new CircuitBreakerFilter(
            "r", guards.forRoute(routes.store().current().routes().get(0)));

    @Test
    void connectFailuresTimeoutsAnd5xxAnswersOpenTheCircuitWhichThenRefusesWithRetryAfter() {
        StepVerifier.create(proxy(routes.post(), Mono.error(new ConnectException("refused"))))
                .verifyError();
        StepVerifier.create(proxy(routes.post(), Mono.error(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT))))
                .verifyError();
        StepVerifier.create(proxy(routes.post(), answer(HttpStatus.BAD_GATEWAY)))
                .verifyComplete();
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        StepVerifier.create(proxy(routes.post(), Mono.error(new AssertionError("must not reach the upstream"))))
                .verifyErrorSatisfies(error -> {
                    assertThat(UpstreamFailure.of(error)).isEqualTo(UpstreamFailure.CIRCUIT_OPEN);
                    assertThat(((UpstreamRefusedException) error).retryAfter())
                            .isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
                });
    }

    @Test
    void clientErrorsAndCancelledCallsAreNoFailures() {
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(proxy(routes.post(), answer(HttpStatus.NOT_FOUND)))
                    .verifyComplete();
            StepVerifier.create(proxy(routes.get(), Mono.never()))
                    .expectSubscription()
                    .thenCancel()
                    .verify();
        }
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(breaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(3);
    }

    private Mono<Void> proxy(ServerWebExchange exchange, Mono<Void> upstream) {
        return filter.filter(exchange, routed -> upstream);
    }

    private Mono<Void> proxy(ServerWebExchange exchange, GatewayFilterChain upstream) {
        return filter.filter(exchange, upstream);
    }

    /** The routing filter completes once the upstream's headers are in, with its status on the response. */
    private static GatewayFilterChain answer(HttpStatus status) {
        return routed -> {
            routed.getResponse().setStatusCode(status);
            return Mono.empty();
        };
    }

    private CircuitBreaker breaker() {
        return guards.forRoute(routes.store().current().routes().get(0)).breaker();
    }
}
