package dev.mcpgateway.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An in-test Reactor Netty upstream whose timing the test controls (WireMock cannot stream):
 * <ul>
 *   <li>{@code POST /calls}: answers at once, or, when the body contains {@code "hold"}, only after {@link #releaseHeld()};</li>
 *   <li>{@code GET /calls}: an SSE stream that sends one event and then stays open until the client leaves;</li>
 *   <li>{@code GET /gappy}: {@link #GAPPY_STREAM} with idle gaps of {@link #GAP}, then ends;</li>
 *   <li>{@code GET /endless}: an event every 200 ms until the client leaves;</li>
 *   <li>{@code GET /slow-headers}: response headers only after 3 s.</li>
 * </ul>
 */
final class ScriptedUpstream implements AutoCloseable {

    static final Duration GAP = Duration.ofMillis(1600);
    static final String[] GAPPY_STREAM = {
        "id: 0\nevent: message\ndata: {\"n\":0}\n\n",
        "id: 1\nevent: message\ndata: {\"n\":1}\n\n",
        "id: 2\ndata: {\"n\":2}\n\n",
        "id: 3\ndata: {\"n\":3}\n\n"
    };
    static final String CALL_RESULT = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[]}}";

    private final AtomicReference<Sinks.Empty<Void>> release = new AtomicReference<>(Sinks.empty());
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger callsReceived = new AtomicInteger();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicInteger cancelledStreams = new AtomicInteger();
    private final DisposableServer server;

    ScriptedUpstream() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post(
                                "/calls",
                                (request, response) -> request.receive()
                                        .aggregate()
                                        .asString()
                                        .defaultIfEmpty("")
                                        .flatMap(body -> {
                                            callsReceived.incrementAndGet();
                                            Mono<Void> wait = Mono.empty();
                                            if (body.contains("\"hold\"")) {
                                                held.incrementAndGet();
                                                wait = release.get()
                                                        .asMono()
                                                        .doFinally(signal -> held.decrementAndGet());
                                            }
                                            return wait.then(response.header("Content-Type", "application/json")
                                                    .sendString(Mono.just(CALL_RESULT))
                                                    .then());
                                        }))
                        .get(
                                "/calls",
                                (request, response) -> response.header("Content-Type", "text/event-stream")
                                        .sendString(Flux.just("id: open\ndata: {}\n\n")
                                                .concatWith(Flux.never())
                                                .doOnSubscribe(s -> openStreams.incrementAndGet())
                                                .doFinally(signal -> openStreams.decrementAndGet())))
                        .get(
                                "/gappy",
                                (request, response) -> response.header("Content-Type", "text/event-stream")
                                        .sendString(Flux.concat(
                                                Mono.just(GAPPY_STREAM[0]),
                                                Mono.delay(GAP).thenReturn(GAPPY_STREAM[1]),
                                                Mono.just(GAPPY_STREAM[2]),
                                                Mono.delay(GAP).thenReturn(GAPPY_STREAM[3]))))
                        .get(
                                "/endless",
                                (request, response) -> response.header("Content-Type", "text/event-stream")
                                        .sendString(Flux.interval(Duration.ZERO, Duration.ofMillis(200))
                                                .map(i -> "id: " + i + "\ndata: {\"n\":" + i + "}\n\n")
                                                .doOnCancel(cancelledStreams::incrementAndGet)))
                        .route(
                                request -> request.uri().startsWith("/slow-headers"),
                                (request, response) -> Mono.delay(Duration.ofSeconds(3))
                                        .then(response.header("Content-Type", "text/event-stream")
                                                .sendString(Mono.just("data: late\n\n"))
                                                .then())))
                .bindNow();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Answers every held call, and holds later ones again until the next release. */
    void releaseHeld() {
        release.getAndSet(Sinks.empty()).tryEmitEmpty();
    }

    int held() {
        return held.get();
    }

    int callsReceived() {
        return callsReceived.get();
    }

    int openStreams() {
        return openStreams.get();
    }

    int cancelledStreams() {
        return cancelledStreams.get();
    }

    @Override
    public void close() {
        releaseHeld();
        server.disposeNow();
    }
}
