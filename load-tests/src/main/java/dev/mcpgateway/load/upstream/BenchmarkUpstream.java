package dev.mcpgateway.load.upstream;

import dev.mcpgateway.load.Args;
import dev.mcpgateway.load.ToolOutput;
import dev.mcpgateway.load.keys.SigningKeys;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * An MCP upstream and authorization server on bare Reactor Netty, cheap enough never to be what a benchmark
 * measures. Every path ending in {@code /mcp} is the MCP endpoint (so proxies may keep their own path prefix):
 *
 * <ul>
 *   <li>{@code POST}: a small JSON {@code tools/call} (or {@code tools/list}) result; a request naming the tool
 *       {@code stream10}, or carrying {@code X-Bench-Stream}, gets a {@code text/event-stream} of ten events, each
 *       flushed on its own; a notification (no {@code id}) gets {@code 202}.</li>
 *   <li>{@code GET}: an idle SSE stream, the priming event then silence (or a comment every
 *       {@code comment-seconds}).</li>
 *   <li>{@code GET /jwks}, {@code /.well-known/oauth-authorization-server}, {@code /.well-known/openid-configuration}:
 *       the signing key and RFC 8414 metadata whose issuer is this server's base URL, so the gateway can trust it.</li>
 *   <li>{@code GET /stats}: what it has served, for tests and scripts that must know requests got through.</li>
 * </ul>
 */
public final class BenchmarkUpstream implements AutoCloseable {

    private static final String EVENT_STREAM = "text/event-stream";

    private final AtomicReference<AuthorizationServerDocuments> documents = new AtomicReference<>();
    private final LongAdder calls = new LongAdder();
    private final LongAdder streamsOpened = new LongAdder();
    private final LongAdder streamsOpen = new LongAdder();
    private final Duration commentEvery;
    private final DisposableServer server;

    private BenchmarkUpstream(String host, int port, SigningKeys keys, Duration commentEvery) {
        this.commentEvery = commentEvery;
        this.server =
                HttpServer.create().host(host).port(port).handle(this::handle).bindNow();
        documents.set(new AuthorizationServerDocuments(baseUrl(), keys.publicJwkSet()));
    }

    /** Binds {@code host:port} ({@code 0}: any free port); {@code commentEvery} null means idle streams stay silent. */
    public static BenchmarkUpstream start(String host, int port, SigningKeys keys, Duration commentEvery) {
        return new BenchmarkUpstream(host, port, keys, commentEvery);
    }

    /** {@code upstream [--host=127.0.0.1] [--port=9100] [--keys-dir=keys] [--comment-seconds=0]}; runs until killed. */
    public static void main(Args args) throws InterruptedException {
        int commentSeconds = args.integer("comment-seconds", 0);
        BenchmarkUpstream upstream = start(
                args.string("host", "127.0.0.1"),
                args.integer("port", 9100),
                SigningKeys.loadOrCreate(args.path("keys-dir", "keys")),
                commentSeconds > 0 ? Duration.ofSeconds(commentSeconds) : null);
        Runtime.getRuntime().addShutdownHook(new Thread(upstream::close));
        ToolOutput.line("READY " + upstream.baseUrl());
        ToolOutput.awaitDisposal(upstream.server);
    }

    /** The issuer of its tokens and the origin of its MCP endpoint, e.g. {@code http://127.0.0.1:9100}. */
    public String baseUrl() {
        return "http://" + server.host() + ":" + server.port();
    }

    /** POST requests answered. */
    public long calls() {
        return calls.sum();
    }

    /** GET streams opened so far. */
    public long streamsOpened() {
        return streamsOpened.sum();
    }

    /** GET streams open now. */
    public long streamsOpen() {
        return streamsOpen.sum();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(2));
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String path = request.fullPath();
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.POST)) {
            return call(request, response);
        }
        if (!method.equals(HttpMethod.GET)) {
            return response.status(HttpResponseStatus.METHOD_NOT_ALLOWED).send();
        }
        return switch (path) {
            case "/jwks" -> json(response, documents.get().jwkSet());
            case "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration" ->
                json(response, documents.get().metadata());
            case "/stats" -> json(response, stats());
            default ->
                path.endsWith("/mcp")
                        ? idleStream(response)
                        : response.status(HttpResponseStatus.NOT_FOUND).send();
        };
    }

    private Publisher<Void> call(HttpServerRequest request, HttpServerResponse response) {
        boolean streamHeader = request.requestHeaders().contains("X-Bench-Stream");
        return request.receive()
                .aggregate()
                .asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("")
                .flatMap(body -> {
                    calls.increment();
                    String id = McpAnswers.id(body);
                    if (id == null) {
                        return response.status(HttpResponseStatus.ACCEPTED)
                                .send()
                                .then();
                    }
                    if (streamHeader || body.contains("\"stream10\"")) {
                        return events(
                                response,
                                Flux.range(0, McpAnswers.STREAM_EVENTS).map(i -> McpAnswers.streamEvent(id, i)));
                    }
                    return json(
                                    response,
                                    McpAnswers.isToolsList(body) ? McpAnswers.toolList(id) : McpAnswers.toolResult(id))
                            .then();
                });
    }

    private Publisher<Void> idleStream(HttpServerResponse response) {
        streamsOpened.increment();
        streamsOpen.increment();
        Flux<byte[]> after = commentEvery == null
                ? Flux.never()
                : Flux.interval(commentEvery).map(tick -> McpAnswers.KEEP_ALIVE_COMMENT);
        return events(response, Flux.concat(Mono.just(McpAnswers.PRIMING_EVENT), after))
                .doFinally(signal -> streamsOpen.decrement());
    }

    /** Every event is flushed on its own, as a real server producing them one at a time would. */
    private static Mono<Void> events(HttpServerResponse response, Flux<byte[]> events) {
        Flux<ByteBuf> buffers = events.map(Unpooled::wrappedBuffer);
        return response.header(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .send(buffers, buffer -> true)
                .then();
    }

    private static Mono<Void> json(HttpServerResponse response, byte[] body) {
        return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .sendByteArray(Mono.just(body))
                .then();
    }

    private byte[] stats() {
        return ("{\"calls\":" + calls() + ",\"streamsOpened\":" + streamsOpened() + ",\"streamsOpen\":" + streamsOpen()
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
