package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.StreamsConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * A stream's one-message answer cut by {@link StreamLifetimeFilter} (a graceful shutdown here; token expiry alike)
 * is a deliberate end: the client connection is closed inside the body, so the server's attempt to finish writing
 * fails ({@code channel not registered to an event loop}, or an abort), and that failure is the cut's own
 * consequence, not a server error for the exchange to end with (Spring's adapter logs such an error at ERROR).
 */
class StreamLifetimeFilterTest {

    private final DrainState drain = new DrainState();
    private final StreamLifetimeFilter filter =
            new StreamLifetimeFilter(StreamsConfig.DEFAULTS, drain, Clock.systemUTC());

    @Test
    void aOneMessageAnswerCutByShutdownEndsTheExchangeWithoutAnError() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/route/mcp"));
        exchange.getResponse()
                .setWriteHandler(body ->
                        body.then(Mono.error(new IllegalStateException("channel not registered to an event loop"))));
        DataBuffer first = DefaultDataBufferFactory.sharedInstance.wrap(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{".getBytes(StandardCharsets.UTF_8));
        AtomicReference<SignalType> end = new AtomicReference<>();

        filter.filter(
                        exchange,
                        (ServerWebExchange bounded) ->
                                bounded.getResponse().writeWith(Flux.concat(Mono.just(first), Flux.never())))
                .doFinally(end::set)
                .subscribe(done -> {}, error -> {});
        drain.closeStreams();

        assertThat(end.get()).as("how the exchange ended").isEqualTo(SignalType.ON_COMPLETE);
    }

    @Test
    void aFailedWriteOfAnAnswerThatWasNotCutIsStillAnError() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/route/mcp"));
        exchange.getResponse().setWriteHandler(body -> body.then(Mono.error(new IllegalStateException("broken"))));
        AtomicReference<SignalType> end = new AtomicReference<>();

        filter.filter(
                        exchange,
                        (ServerWebExchange bounded) -> bounded.getResponse()
                                .writeWith(
                                        Mono.just(DefaultDataBufferFactory.sharedInstance.wrap(new byte[] {'{', '}'}))))
                .doFinally(end::set)
                .subscribe(done -> {}, error -> {});

        assertThat(end.get()).as("how the exchange ended").isEqualTo(SignalType.ON_ERROR);
    }
}
