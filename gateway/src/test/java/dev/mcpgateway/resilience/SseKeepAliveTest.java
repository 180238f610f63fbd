package dev.mcpgateway.resilience;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Keep-alive comments on virtual time: only after silence, only between events, never after the stream ends. */
class SseKeepAliveTest {

    private static final DefaultDataBufferFactory FACTORY = DefaultDataBufferFactory.sharedInstance;
    private static final Duration PERIOD = Duration.ofSeconds(4);

    @Test
    void commentsFillSilenceBetweenEventsAndStopWithTheStream() {
        StepVerifier.withVirtualTime(() -> keepAlive(Flux.concat(
                        Mono.just(buffer("id: 1\ndata: a\n\n")),
                        Mono.delay(Duration.ofSeconds(10)).map(tick -> buffer("id: 2\ndata: b\n\n")))))
                .expectNextMatches(text("id: 1\ndata: a\n\n"))
                .expectNoEvent(Duration.ofSeconds(4))
                .expectNextMatches(text(SseKeepAlive.COMMENT))
                .expectNoEvent(Duration.ofSeconds(4))
                .expectNextMatches(text(SseKeepAlive.COMMENT))
                .thenAwait(Duration.ofSeconds(2))
                .expectNextMatches(text("id: 2\ndata: b\n\n"))
                .verifyComplete();
    }

    @Test
    void aStreamIdleFromItsStartGetsCommentsToo() {
        StepVerifier.withVirtualTime(() -> keepAlive(Mono.delay(Duration.ofSeconds(5))
                        .map(tick -> buffer("data: a\n\n"))
                        .flux()))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(4))
                .expectNextMatches(text(SseKeepAlive.COMMENT))
                .thenAwait(Duration.ofSeconds(1))
                .expectNextMatches(text("data: a\n\n"))
                .verifyComplete();
    }

    @Test
    void noCommentIsWrittenIntoAnUnfinishedEvent() {
        StepVerifier.withVirtualTime(() -> keepAlive(Flux.concat(
                        Mono.just(buffer("id: 1\ndata: a")),
                        Mono.delay(Duration.ofSeconds(9)).map(tick -> buffer("\n\n")))))
                .expectNextMatches(text("id: 1\ndata: a"))
                .expectNoEvent(Duration.ofSeconds(9))
                .expectNextMatches(text("\n\n"))
                .verifyComplete();
    }

    @Test
    void chunksPassOneByOneAndErrorsPassThrough() {
        StepVerifier.withVirtualTime(() -> keepAlive(Flux.just(buffer("data: a\n"), buffer("\n"))
                        .concatWith(Mono.error(new IllegalStateException("upstream broke")))))
                .expectNextMatches(text("data: a\n"))
                .expectNextMatches(text("\n"))
                .verifyErrorMessage("upstream broke");
    }

    private static Flux<DataBuffer> keepAlive(Flux<DataBuffer> chunks) {
        return SseKeepAlive.interleave(chunks, PERIOD, FACTORY, Schedulers.parallel());
    }

    private static DataBuffer buffer(String text) {
        return FACTORY.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Predicate<DataBuffer> text(String expected) {
        return buffer -> buffer.toString(StandardCharsets.UTF_8).equals(expected);
    }
}
