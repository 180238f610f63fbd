package dev.mcpgateway.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A minimal MCP-shaped upstream that records what reaches it. POST answers JSON (or {@code 202} for
 * notifications); GET opens an SSE stream of {@value #STREAM_EVENTS} events, each written at least
 * 300 ms ({@value #STREAM_GAP_MILLIS} ms) after the previous one, so tests can prove nothing between
 * client and upstream buffers them.
 */
public final class RecordingUpstream implements AutoCloseable {

    public static final int STREAM_EVENTS = 5;
    public static final long STREAM_GAP_MILLIS = 320;
    /** How long {@code POST /slow} holds back its response headers. */
    public static final Duration SLOW_HEADERS = Duration.ofSeconds(3);

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final DisposableServer server;

    /** One request as the upstream saw it. */
    public record Recorded(String method, String uri, io.netty.handler.codec.http.HttpHeaders headers, String body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** A {@code tools/list} result offering {@code echo} and {@code whoami}. */
    public static final String TOOL_LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":["
            + "{\"name\":\"echo\",\"inputSchema\":{}},{\"name\":\"whoami\",\"inputSchema\":{}}]}}";
    /** The {@code Last-Event-ID} that makes {@code GET /mcp} replay {@link #TOOL_LIST}. */
    public static final String REPLAY_TOOL_LIST = "ev-1";
    /** A request header that makes the upstream gzip its {@code tools/list} answer, unasked. */
    public static final String GZIP_ANSWER = "X-Test-Gzip-Answer";

    private RecordingUpstream() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post(
                                "/mcp",
                                (request, response) -> request.receive()
                                        .aggregate()
                                        .asString()
                                        .defaultIfEmpty("")
                                        .flatMap(body -> {
                                            record(request, body);
                                            if (body.contains("\"notifications/")) {
                                                return response.status(202)
                                                        .send()
                                                        .then();
                                            }
                                            // Like a real server: a fresh session id per initialize, echoed afterwards.
                                            String session = body.contains("\"initialize\"")
                                                    ? "upstream-session-" + sessions.incrementAndGet()
                                                    : request.requestHeaders().get("Mcp-Session-Id");
                                            if (session != null) {
                                                response.header("Mcp-Session-Id", session);
                                            }
                                            if (body.contains("\"tools/list\"")) {
                                                return toolList(request, response);
                                            }
                                            return response.header("Content-Type", "application/json")
                                                    .sendString(Mono.just(
                                                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"echo\":"
                                                                    + (body.isEmpty() ? "null" : body) + "}}"))
                                                    .then();
                                        }))
                        .get("/mcp", (request, response) -> {
                            record(request, "");
                            if (REPLAY_TOOL_LIST.equals(request.requestHeaders().get("Last-Event-ID"))) {
                                // A resumed stream replays a missed tools/list response (MCP transports,
                                // "Resumability").
                                return response.header("Content-Type", "text/event-stream")
                                        .sendString(Mono.just("id: ev-2\nevent: message\ndata: " + TOOL_LIST + "\n\n"));
                            }
                            return response.header("Content-Type", "text/event-stream")
                                    .sendString(Flux.range(0, STREAM_EVENTS)
                                            .delayElements(Duration.ofMillis(STREAM_GAP_MILLIS))
                                            .map(i -> "id: " + i + "\nevent: message\ndata: {\"n\":" + i + "}\n\n"));
                        })
                        .post("/slow", (request, response) -> {
                            record(request, "");
                            return Mono.delay(SLOW_HEADERS)
                                    .then(response.header("Content-Type", "application/json")
                                            .sendString(Mono.just("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"))
                                            .then());
                        })
                        .delete("/mcp", (request, response) -> {
                            record(request, "");
                            return response.status(204).send();
                        }))
                .bindNow();
    }

    private static Mono<Void> toolList(
            HttpServerRequest request, reactor.netty.http.server.HttpServerResponse response) {
        response.header("Content-Type", "application/json");
        if (request.requestHeaders().contains(GZIP_ANSWER)) {
            return response.header("Content-Encoding", "gzip")
                    .sendByteArray(Mono.just(gzip(TOOL_LIST)))
                    .then();
        }
        return response.sendString(Mono.just(TOOL_LIST)).then();
    }

    private static byte[] gzip(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static RecordingUpstream start() {
        return new RecordingUpstream();
    }

    private void record(HttpServerRequest request, String body) {
        requests.add(new Recorded(
                request.method().name(), request.uri(), request.requestHeaders().copy(), body));
    }

    public String slowUrl() {
        return "http://127.0.0.1:" + server.port() + "/slow";
    }

    public String mcpUrl() {
        return "http://127.0.0.1:" + server.port() + "/mcp";
    }

    public int count() {
        return requests.size();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded last() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
