package dev.mcpgateway.support;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scriptable upstream of every test: a Reactor Netty HTTP server on 127.0.0.1 (WireMock cannot stream) that
 * records every request it receives and answers what a script says, byte for byte and at the pace the script sets.
 *
 * <p>Each request goes to the test's {@linkplain #script script} first, then to the base script the upstream was
 * {@linkplain #start(String, Function) started} with; a script answers {@code null} to pass. What neither answers
 * gets a well-behaved MCP Streamable HTTP answer (MCP 2025-11-25 transports), so that an SDK client can initialize:
 * <ul>
 *   <li>{@code GET} gets {@code 405} (no stream), {@code DELETE} gets {@code 204};</li>
 *   <li>a {@code POST} without an {@code id} (a notification or response) gets {@code 202};</li>
 *   <li>{@code initialize} gets a fresh session id {@code <name>-<n>} and the protocol version it asked for;
 *       other requests get their session id echoed back;</li>
 *   <li>{@code tools/list} lists {@link #TOOLS}; {@code tools/call} answers one text content, the upstream's name;
 *       anything else gets an empty result; a batch gets an array of empty results.</li>
 * </ul>
 * These answers carry a {@code Content-Length}; a scripted {@link Answer} goes chunk by chunk unless it asks for one.
 *
 * <p>Counters a test can wait for: {@link #held()} answers waiting for {@link #releaseHeld()}, and per path the
 * chunked answers still being written ({@link #openStreams}) or cut because the client left ({@link
 * #cancelledStreams}).
 */
public final class ScriptedUpstream implements AutoCloseable {

    /** The tools of the default {@code tools/list} answer; a reader may call {@code echo} only. */
    public static final String TOOLS = "[{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\"}},"
            + "{\"name\":\"whoami\",\"inputSchema\":{\"type\":\"object\"}}]";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final Function<RecordedRequest, Answer> base;
    private volatile Function<RecordedRequest, Answer> script = request -> null;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicReference<Sinks.Empty<Void>> release = new AtomicReference<>(Sinks.empty());
    private final AtomicInteger held = new AtomicInteger();
    private final Map<String, AtomicInteger> openStreams = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> cancelledStreams = new ConcurrentHashMap<>();
    private final DisposableServer server;

    private ScriptedUpstream(String name, Function<RecordedRequest, Answer> base) {
        this.name = name;
        this.base = base;
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> request.receive()
                        .aggregate()
                        .asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(body -> {
                            RecordedRequest received = new RecordedRequest(
                                    request.method().name(),
                                    request.uri(),
                                    request.requestHeaders().copy(),
                                    body);
                            requests.add(received);
                            return send(answer(received), received.path(), response);
                        }))
                .bindNow();
    }

    /** A well-behaved MCP upstream called {@code name} in its session ids and answers. */
    public static ScriptedUpstream start(String name) {
        return start(name, request -> null);
    }

    /** An upstream called {@code name} (in its session ids and answers) that asks {@code base} before the default. */
    public static ScriptedUpstream start(String name, Function<RecordedRequest, Answer> base) {
        return new ScriptedUpstream(name, base);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** The URL of its MCP endpoint, {@code /mcp}. */
    public String mcpUrl() {
        return url("/mcp");
    }

    // --- scripting -------------------------------------------------------------------------------------------------

    /** Asks {@code next} first about every request from now on; {@code null} from it passes to the base script. */
    public void script(Function<RecordedRequest, Answer> next) {
        script = next;
    }

    /** Drops the test's script and forgets every request received. */
    public void reset() {
        script = request -> null;
        requests.clear();
    }

    /** Sends every {@linkplain Answer#heldUntilReleased() held} answer, and holds later ones until the next release. */
    public void releaseHeld() {
        release.getAndSet(Sinks.empty()).tryEmitEmpty();
    }

    // --- what it received ------------------------------------------------------------------------------------------

    /** Every request received since the start or the last {@link #reset()}, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public int count() {
        return requests.size();
    }

    public RecordedRequest last() {
        return requests.get(requests.size() - 1);
    }

    /** How many requests reached {@code path}, whatever their method. */
    public int requestsTo(String path) {
        return (int)
                requests.stream().filter(request -> request.path().equals(path)).count();
    }

    /** Whether a request whose body contains {@code marker} got here (tests mark requests with unique ids). */
    public boolean received(String marker) {
        return requests.stream().anyMatch(request -> request.body().contains(marker));
    }

    public int held() {
        return held.get();
    }

    /** Chunked answers to {@code path} still being written. */
    public int openStreams(String path) {
        return counter(openStreams, path).get();
    }

    /** Chunked answers to {@code path} the client left before their end. */
    public int cancelledStreams(String path) {
        return counter(cancelledStreams, path).get();
    }

    // --- answering -------------------------------------------------------------------------------------------------

    private Answer answer(RecordedRequest request) {
        Answer answer = script.apply(request);
        if (answer == null) {
            answer = base.apply(request);
        }
        return answer != null ? answer : wellBehaved(request);
    }

    private Answer wellBehaved(RecordedRequest request) {
        if (request.method().equals("GET")) {
            return Answer.status(405);
        }
        if (request.method().equals("DELETE")) {
            return Answer.status(204);
        }
        String body = request.body().strip();
        if (body.startsWith("[")) {
            List<String> results = new ArrayList<>();
            JSON.readTree(body)
                    .forEach(message -> results.add(result(JSON.writeValueAsString(message.get("id")), "{}")));
            return Answer.json("[" + String.join(",", results) + "]").withContentLength();
        }
        if (!body.contains("\"id\"")) {
            return Answer.accepted();
        }
        String id = request.rawId();
        if (request.isPost("initialize")) {
            return Answer.json(result(
                            id,
                            "{\"protocolVersion\":\"" + requestedVersion(body)
                                    + "\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"" + name
                                    + "\",\"version\":\"1\"}}"))
                    .withHeader("Mcp-Session-Id", name + "-" + sessions.incrementAndGet())
                    .withContentLength();
        }
        Answer answer;
        if (request.isPost("tools/list")) {
            answer = Answer.json(toolList(id));
        } else if (request.isPost("tools/call")) {
            answer = Answer.json(
                    result(id, "{\"content\":[{\"type\":\"text\",\"text\":\"" + name + "\"}],\"isError\":false}"));
        } else {
            answer = Answer.json(result(id, "{}"));
        }
        String session = request.sessionId();
        return (session == null ? answer : answer.withHeader("Mcp-Session-Id", session)).withContentLength();
    }

    private static String requestedVersion(String body) {
        try {
            return JSON.readTree(body).path("params").path("protocolVersion").asString("2025-11-25");
        } catch (RuntimeException notJson) {
            return "2025-11-25";
        }
    }

    /** A JSON-RPC success response; {@code rawId} is the id's JSON text, as the request wrote it. */
    public static String result(String rawId, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + rawId + ",\"result\":" + result + "}";
    }

    /** The default {@code tools/list} response, listing {@link #TOOLS}. */
    public static String toolList(String rawId) {
        return result(rawId, "{\"tools\":" + TOOLS + "}");
    }

    private Mono<Void> send(Answer answer, String path, HttpServerResponse response) {
        Mono<Void> ready = Mono.empty();
        if (answer.held) {
            held.incrementAndGet();
            ready = release.get().asMono().doFinally(signal -> held.decrementAndGet());
        }
        if (!answer.delay.isZero()) {
            ready = ready.then(Mono.delay(answer.delay)).then();
        }
        return ready.then(Mono.defer(() -> write(answer, path, response)));
    }

    private Mono<Void> write(Answer answer, String path, HttpServerResponse response) {
        if (answer.takeover != null) {
            return response.withConnection(answer.takeover).then();
        }
        response.status(answer.status);
        answer.headers.forEach(header -> response.addHeader(header.getKey(), header.getValue()));
        if (answer.bodiless && !answer.stayOpen) {
            return response.send();
        }
        if (answer.contentLength) {
            return response.sendByteArray(answer.body.reduce(ScriptedUpstream::concat))
                    .then();
        }
        Flux<byte[]> body = answer.stayOpen ? answer.body.concatWith(Flux.never()) : answer.body;
        AtomicInteger open = counter(openStreams, path);
        return response.sendByteArray(body.doOnSubscribe(subscription -> open.incrementAndGet())
                        .doOnCancel(() -> counter(cancelledStreams, path).incrementAndGet())
                        .doFinally(signal -> open.decrementAndGet()))
                .then();
    }

    private static AtomicInteger counter(Map<String, AtomicInteger> counters, String path) {
        return counters.computeIfAbsent(path, any -> new AtomicInteger());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Override
    public void close() {
        releaseHeld();
        server.disposeNow();
    }

    /** For diagnostics in assertion messages. */
    @Override
    public String toString() {
        return "ScriptedUpstream " + name
                + requests.stream().map(r -> r.method() + " " + r.uri()).toList();
    }

    /**
     * What the upstream sends back to one request: a status, header fields in order (a name may repeat) and a body
     * written and flushed chunk by chunk, each chunk after its own pause; or, instead of an HTTP response, something
     * done to the connection. Immutable: every {@code with…} or {@code then…} method returns a new answer.
     */
    public static final class Answer {

        private final int status;
        private final List<Map.Entry<String, String>> headers;
        private final Flux<byte[]> body;
        private final boolean bodiless;
        private final Duration delay;
        private final boolean held;
        private final boolean stayOpen;
        private final boolean contentLength;
        private final Consumer<Connection> takeover;

        private Answer(
                int status,
                List<Map.Entry<String, String>> headers,
                Flux<byte[]> body,
                boolean bodiless,
                Duration delay,
                boolean held,
                boolean stayOpen,
                boolean contentLength,
                Consumer<Connection> takeover) {
            this.status = status;
            this.headers = List.copyOf(headers);
            this.body = body;
            this.bodiless = bodiless;
            this.delay = delay;
            this.held = held;
            this.stayOpen = stayOpen;
            this.contentLength = contentLength;
            this.takeover = takeover;
        }

        private static Answer of(int status, List<Map.Entry<String, String>> headers, List<byte[]> chunks) {
            return new Answer(
                    status,
                    headers,
                    Flux.fromIterable(chunks),
                    chunks.isEmpty(),
                    Duration.ZERO,
                    false,
                    false,
                    false,
                    null);
        }

        /** {@code status} with no header fields and no body, e.g. {@code 405}, {@code 204}. */
        public static Answer status(int status) {
            return of(status, List.of(), List.of());
        }

        /** {@code 202 Accepted}, empty. */
        public static Answer accepted() {
            return status(202);
        }

        /** {@code 200} with {@code application/json} and {@code body} as one chunk. */
        public static Answer json(String body) {
            return raw(
                    200, List.of(Map.entry("Content-Type", "application/json")), body.getBytes(StandardCharsets.UTF_8));
        }

        /** {@code 200} with {@code text/event-stream}, each of {@code events} one chunk, sent as given. */
        public static Answer sse(String... events) {
            List<byte[]> chunks = new ArrayList<>();
            for (String event : events) {
                chunks.add(event.getBytes(StandardCharsets.UTF_8));
            }
            return of(200, List.of(Map.entry("Content-Type", "text/event-stream")), chunks);
        }

        /** A {@code text/event-stream} of {@code event.apply(n)} for n = 0, 1, … every {@code period}, never ending. */
        public static Answer sseForever(Duration period, LongFunction<String> event) {
            return sse().withBody(Flux.interval(Duration.ZERO, period)
                    .map(n -> event.apply(n).getBytes(StandardCharsets.UTF_8)));
        }

        /** Anything: {@code status}, exactly these header fields, these chunks. */
        public static Answer raw(int status, List<Map.Entry<String, String>> headers, byte[]... chunks) {
            return of(status, headers, List.of(chunks));
        }

        /** No response: the connection is closed with a TCP reset (RST), as by a crashing server. */
        public static Answer resetConnection() {
            return takeover(connection -> {
                Channel channel = connection.channel();
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
                channel.close();
            });
        }

        /**
         * {@code response} written to the connection as it is, in place of an HTTP response (status line, header
         * fields and body, framing errors included), and then the connection closes.
         */
        public static Answer rawResponse(String response) {
            byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
            // Written below the HTTP codec, so that nothing frames or checks it.
            return takeover(connection -> connection
                    .channel()
                    .pipeline()
                    .context(NettyPipeline.HttpCodec)
                    .writeAndFlush(Unpooled.wrappedBuffer(bytes))
                    .addListener(ChannelFutureListener.CLOSE));
        }

        private static Answer takeover(Consumer<Connection> takeover) {
            return new Answer(500, List.of(), Flux.empty(), true, Duration.ZERO, false, false, false, takeover);
        }

        public Answer withStatus(int value) {
            return new Answer(value, headers, body, bodiless, delay, held, stayOpen, contentLength, takeover);
        }

        /** One more header field, after the others. */
        public Answer withHeader(String headerName, String value) {
            List<Map.Entry<String, String>> more = new ArrayList<>(headers);
            more.add(Map.entry(headerName, value));
            return new Answer(status, more, body, bodiless, delay, held, stayOpen, contentLength, takeover);
        }

        /** The same chunks, each after the first only after {@code pause}. */
        public Answer spacedBy(Duration pause) {
            return withBody(body.index()
                    .delayUntil(indexed -> indexed.getT1() == 0 ? Mono.empty() : Mono.delay(pause))
                    .map(indexed -> indexed.getT2()));
        }

        /** One more chunk, {@code pause} after the one before it (after the head, for the first). */
        public Answer then(Duration pause, String chunk) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            return withBody(body.concatWith(
                    pause.isZero() ? Mono.just(bytes) : Mono.delay(pause).thenReturn(bytes)));
        }

        /** Every chunk's text (UTF-8) changed by {@code change}, e.g. a placeholder replaced. */
        public Answer mapChunks(UnaryOperator<String> change) {
            return withBody(body.map(chunk ->
                    change.apply(new String(chunk, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        }

        /** Nothing at all is sent until {@code pause} has passed. */
        public Answer after(Duration pause) {
            return new Answer(status, headers, body, bodiless, pause, held, stayOpen, contentLength, takeover);
        }

        /** Nothing is sent until the test calls {@link ScriptedUpstream#releaseHeld()}, which {@code held()} counts. */
        public Answer heldUntilReleased() {
            return new Answer(status, headers, body, bodiless, delay, true, stayOpen, contentLength, takeover);
        }

        /** After the last chunk the body does not end: the stream stays open until the client leaves. */
        public Answer thenStayOpen() {
            return new Answer(status, headers, body, bodiless, delay, held, true, contentLength, takeover);
        }

        /** The body in one piece with a {@code Content-Length}, as most servers send it, instead of chunked. */
        public Answer withContentLength() {
            return new Answer(status, headers, body, bodiless, delay, held, stayOpen, true, takeover);
        }

        private Answer withBody(Flux<byte[]> value) {
            return new Answer(status, headers, value, false, delay, held, stayOpen, contentLength, takeover);
        }
    }
}
