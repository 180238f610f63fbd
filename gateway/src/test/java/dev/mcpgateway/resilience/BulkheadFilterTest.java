package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.RouteExchanges;
import io.github.resilience4j.bulkhead.Bulkhead;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * A permit is held for the whole response and always comes back: when the response completes, fails, or the client
 * cancels it. Calls and streams have separate limits.
 */
class BulkheadFilterTest {

    private final RouteExchanges routes =
            new RouteExchanges("    resilience: { bulkhead: { max-concurrent-calls: 1, max-streams: 1 } }\n");
    private final UpstreamGuards guards = new UpstreamGuards(routes.store(), Clock.systemUTC());
    private final ExchangeCompletion completion = new ExchangeCompletion();
    private final BulkheadFilter bulkhead = new BulkheadFilter(
            "r", guards.forRoute(routes.store().current().routes().get(0)));

    @Test
    void permitIsReleasedWhenTheResponseCompletes() {
        StepVerifier.create(proxy(routes.post(), Mono.empty())).verifyComplete();
        assertThat(available(RequestKind.CALL)).isEqualTo(1);
    }

    @Test
    void permitIsReleasedWhenTheResponseFails() {
        StepVerifier.create(proxy(routes.post(), Mono.error(new IOException("reset"))))
                .verifyError(IOException.class);
        assertThat(available(RequestKind.CALL)).isEqualTo(1);
    }

    @Test
    void permitIsReleasedWhenTheClientCancels() {
        StepVerifier.create(proxy(routes.get(), Mono.never()))
                .expectSubscription()
                .then(() -> assertThat(available(RequestKind.STREAM)).isZero())
                .thenCancel()
                .verify();
        assertThat(available(RequestKind.STREAM)).isEqualTo(1);
    }

    @Test
    void aCallBeyondTheLimitIsRefusedWhileStreamsHaveTheirOwnLimit() {
        StepVerifier.create(proxy(routes.post(), Mono.never()))
                .expectSubscription()
                .then(() -> {
                    StepVerifier.create(proxy(routes.post(), Mono.empty()))
                            .verifyErrorSatisfies(error ->
                                    assertThat(UpstreamFailure.of(error)).isEqualTo(UpstreamFailure.CALLS_FULL));
                    StepVerifier.create(proxy(routes.get(), Mono.empty())).verifyComplete();
                })
                .thenCancel()
                .verify();
        assertThat(available(RequestKind.CALL)).isEqualTo(1);
    }

    private Mono<Void> proxy(ServerWebExchange exchange, Mono<Void> upstream) {
        return completion.filter(exchange, afterCompletion -> bulkhead.filter(afterCompletion, routed -> upstream));
    }

    private int available(RequestKind kind) {
        Bulkhead bulkhead =
                guards.forRoute(routes.store().current().routes().get(0)).bulkhead(kind);
        return bulkhead.getMetrics().getAvailableConcurrentCalls();
    }
}
