package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.RouteExchanges;
import dev.mcpgateway.web.ErrorResponseWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The routing filter is re-run once after a connect failure, and never after a failure once connected. */
class ConnectRetryFilterTest {

    private final ConnectRetryFilter filter = new ConnectRetryFilter("r");

    @Test
    void aConnectFailureIsRetriedOnceThroughTheRoutingFilter() {
        Routing routing = new Routing(new ConnectException("refused"), null);
        StepVerifier.create(filter.filter(new RouteExchanges("").post(), routing))
                .verifyComplete();
        assertThat(routing.attempts).hasValue(2);
    }

    @Test
    void aSecondConnectFailureIsReported() {
        Routing routing = new Routing(new ConnectException("refused"), new ConnectException("still refused"));
        StepVerifier.create(filter.filter(new RouteExchanges("").post(), routing))
                .verifyErrorMessage("still refused");
        assertThat(routing.attempts).hasValue(2);
    }

    @Test
    void aResetAfterConnectingIsNeverRetried() {
        Routing routing = new Routing(new IOException("Connection reset by peer"), null);
        StepVerifier.create(filter.filter(new RouteExchanges("").post(), routing))
                .verifyError(IOException.class);
        assertThat(routing.attempts).hasValue(1);
    }

    @Test
    void aRouteCanTurnRetriesOffAndThenHasNoRetryStep() {
        RouteExchanges off = new RouteExchanges("    resilience: { retry-connect: false }\n");
        ResilienceSteps steps = new ResilienceSteps(
                new UpstreamGuards(off.store(), Clock.systemUTC()),
                new DrainState(),
                new ErrorResponseWriter(),
                Clock.systemUTC());
        assertThat(steps.connectRetry(off.store().current().routes().get(0))).isEmpty();
        assertThat(steps.connectRetry(
                        new RouteExchanges("").store().current().routes().get(0)))
                .isPresent();
    }

    /** Behaves like Spring Cloud Gateway's routing filter: marks the exchange routed, and skips an already routed one. */
    private static final class Routing implements GatewayFilterChain {

        final AtomicInteger attempts = new AtomicInteger();
        private final Throwable first;
        private final Throwable second;

        Routing(Throwable first, Throwable second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public Mono<Void> filter(org.springframework.web.server.ServerWebExchange exchange) {
            if (ServerWebExchangeUtils.isAlreadyRouted(exchange)) {
                return Mono.empty();
            }
            ServerWebExchangeUtils.setAlreadyRouted(exchange);
            Throwable failure = attempts.incrementAndGet() == 1 ? first : second;
            return failure == null ? Mono.empty() : Mono.error(failure);
        }
    }
}
