package dev.mcpgateway.support;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * An MCP upstream that answers whatever a test scripts, byte for byte, to play a hostile (or merely odd) server:
 * SSE events with unusual fields, JSON keys spelled with escapes, ids of another type, invalid UTF-8, two
 * {@code Content-Type} fields. Unscripted requests get a well-behaved MCP answer, so an SDK client can initialize.
 * Every request that reaches it is recorded.
 */
public final class HostileUpstream implements AutoCloseable {

    /** The tools every default {@code tools/list} answer lists; a reader may see only {@code echo}. */
    public static final String TOOLS = "[{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\"}},"
            + "{\"name\":\"whoami\",\"inputSchema\":{\"type\":\"object\"}}]";

    /** Like a real server, a fresh session id for every {@code initialize}. */
    private static final java.util.concurrent.atomic.AtomicInteger SESSIONS =
            new java.util.concurrent.atomic.AtomicInteger();

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Function<Seen, Answer> script = HostileUpstream::wellBehaved;
    private final DisposableServer server;

    /** One request as it arrived. */
    public record Seen(String method, String uri, HttpHeaders headers, String body) {
        public boolean isPost(String jsonRpcMethod) {
            return method.equals("POST") && body.contains("\"method\":\"" + jsonRpcMethod + "\"");
        }

        /** The raw JSON text of the request id, e.g. {@code 1} or {@code "a"}; {@code null} when absent. */
        public String rawId() {
            int at = body.indexOf("\"id\":");
            if (at < 0) {
                return null;
            }
            int start = at + 5;
            int end = start;
            while (end < body.length() && ",}".indexOf(body.charAt(end)) < 0) {
                end++;
            }
            return body.substring(start, end).trim();
        }
    }

    /**
     * What to send back.
     *
     * @param status  the status code
     * @param headers header fields in order; a name may repeat
     * @param chunks  the body, written and flushed chunk by chunk
     * @param gap     the pause before each chunk after the first
     */
    public record Answer(int status, List<Map.Entry<String, String>> headers, List<byte[]> chunks, Duration gap) {

        public static Answer json(String body) {
            return raw(
                    200, List.of(Map.entry("Content-Type", "application/json")), body.getBytes(StandardCharsets.UTF_8));
        }

        /** A {@code text/event-stream} answer whose chunks are {@code events}, each sent as given (terminators included). */
        public static Answer sse(String... events) {
            List<byte[]> chunks = new ArrayList<>();
            for (String event : events) {
                chunks.add(event.getBytes(StandardCharsets.UTF_8));
            }
            return new Answer(200, List.of(Map.entry("Content-Type", "text/event-stream")), chunks, Duration.ZERO);
        }

        public static Answer raw(int status, List<Map.Entry<String, String>> headers, byte[]... chunks) {
            return new Answer(status, headers, List.of(chunks), Duration.ZERO);
        }

        public static Answer accepted() {
            return new Answer(202, List.of(), List.of(), Duration.ZERO);
        }

        public Answer spacedBy(Duration pause) {
            return new Answer(status, headers, chunks, pause);
        }
    }

    private HostileUpstream() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> request.receive()
                        .aggregate()
                        .asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(body -> {
                            Seen received = new Seen(
                                    request.method().name(),
                                    request.uri(),
                                    request.requestHeaders().copy(),
                                    body);
                            seen.add(received);
                            return send(script.apply(received), response);
                        }))
                .bindNow();
    }

    public static HostileUpstream start() {
        return new HostileUpstream();
    }

    /** Answers every request with {@code next}; return {@code null} from it to give the well-behaved answer. */
    public void script(Function<Seen, Answer> next) {
        this.script = request -> {
            Answer answer = next.apply(request);
            return answer != null ? answer : wellBehaved(request);
        };
    }

    /** Back to well-behaved answers, with nothing recorded. */
    public void reset() {
        script = HostileUpstream::wellBehaved;
        seen.clear();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Whether a request whose body contains {@code marker} got here. */
    public boolean received(String marker) {
        return seen.stream().anyMatch(request -> request.body().contains(marker));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    public static String result(String rawId, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + rawId + ",\"result\":" + result + "}";
    }

    public static String toolList(String rawId) {
        return result(rawId, "{\"tools\":" + TOOLS + "}");
    }

    private static Answer wellBehaved(Seen request) {
        if (request.method().equals("GET")) {
            return new Answer(405, List.of(), List.of(), Duration.ZERO);
        }
        if (request.method().equals("DELETE")) {
            return new Answer(204, List.of(), List.of(), Duration.ZERO);
        }
        if (!request.body().contains("\"id\"")) {
            return Answer.accepted();
        }
        String id = request.rawId();
        if (request.isPost("initialize")) {
            return new Answer(
                    200,
                    List.of(
                            Map.entry("Content-Type", "application/json"),
                            Map.entry("Mcp-Session-Id", "hostile-" + SESSIONS.incrementAndGet())),
                    List.of(result(
                                    id,
                                    "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},"
                                            + "\"serverInfo\":{\"name\":\"hostile\",\"version\":\"1\"}}")
                            .getBytes(StandardCharsets.UTF_8)),
                    Duration.ZERO);
        }
        if (request.isPost("tools/list")) {
            return Answer.json(toolList(id));
        }
        return Answer.json(result(id, "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"isError\":false}"));
    }

    private static Mono<Void> send(Answer answer, HttpServerResponse response) {
        response.status(answer.status());
        answer.headers().forEach(header -> response.addHeader(header.getKey(), header.getValue()));
        if (answer.chunks().isEmpty()) {
            return response.send();
        }
        Flux<byte[]> chunks = Flux.fromIterable(answer.chunks());
        if (!answer.gap().isZero()) {
            chunks = chunks.index()
                    .delayUntil(indexed -> indexed.getT1() == 0 ? Mono.empty() : Mono.delay(answer.gap()))
                    .map(indexed -> indexed.getT2());
        }
        return response.sendByteArray(chunks).then();
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    /** For diagnostics in assertion messages. */
    @Override
    public String toString() {
        return "HostileUpstream"
                + seen.stream().map(s -> s.method() + " " + s.uri()).toList();
    }
}
