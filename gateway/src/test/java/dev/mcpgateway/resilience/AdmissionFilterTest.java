package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.RouteExchanges;
import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.StreamExchange;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The drain counts what is in flight: a {@code subscriptions/listen} POST starts as a call (its body is not read yet)
 * and moves to the streams once inspection marks it, so a graceful shutdown closes it with the streams instead of
 * waiting the whole grace period for it as for a call.
 */
class AdmissionFilterTest {

    private final RouteExchanges routes = new RouteExchanges("");
    private final DrainState drain = new DrainState();
    private final AdmissionFilter admission = new AdmissionFilter(drain, new ErrorResponseWriter());

    @Test
    void listenPostIsCountedAsAStreamOnceMarkedAndReleasedAsOne() {
        ServerWebExchange exchange = routes.post();
        AtomicInteger callsBeforeMark = new AtomicInteger();
        AtomicInteger callsAfterMark = new AtomicInteger();
        AtomicInteger streamsAfterMark = new AtomicInteger();
        StepVerifier.create(admission.filter(
                        exchange,
                        admitted -> Mono.fromRunnable(() -> {
                            callsBeforeMark.set(drain.inFlight(RequestKind.CALL));
                            StreamExchange.markStream(admitted);
                            callsAfterMark.set(drain.inFlight(RequestKind.CALL));
                            streamsAfterMark.set(drain.inFlight(RequestKind.STREAM));
                        })))
                .verifyComplete();
        assertThat(callsBeforeMark).hasValue(1);
        assertThat(callsAfterMark).hasValue(0);
        assertThat(streamsAfterMark).hasValue(1);
        assertThat(drain.inFlight(RequestKind.STREAM)).isZero();
        assertThat(drain.inFlight(RequestKind.CALL)).isZero();
    }

    @Test
    void ordinaryPostStaysACall() {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.create(admission.filter(
                        routes.post(),
                        admitted -> Mono.fromRunnable(() -> calls.set(drain.inFlight(RequestKind.CALL)))))
                .verifyComplete();
        assertThat(calls).hasValue(1);
        assertThat(drain.inFlight(RequestKind.CALL)).isZero();
    }
}
