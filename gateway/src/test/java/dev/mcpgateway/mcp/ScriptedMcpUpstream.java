package dev.mcpgateway.mcp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small Streamable HTTP MCP server whose behaviour tests control exactly, recording every request
 * it receives: {@code initialize} creates a session; {@code tools/list} answers over SSE with
 * {@value #PROGRESS_EVENTS} progress notifications {@value #GAP_MILLIS} ms apart before the result
 * (tools {@code echo}, {@code whoami}, {@code other}); other requests get an empty JSON result;
 * notifications get 202; a batch gets a JSON array.
 */
final class ScriptedMcpUpstream implements AutoCloseable {

    static final int PROGRESS_EVENTS = 3;
    static final long GAP_MILLIS = 300;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final DisposableServer server;

    record Received(String method, String sessionId, String body) {}

    ScriptedMcpUpstream() {
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
                                            received.add(new Received(
                                                    "POST",
                                                    request.requestHeaders().get("Mcp-Session-Id"),
                                                    body));
                                            return answer(JSON.readTree(body), response);
                                        }))
                        .get("/mcp", (request, response) -> response.status(405).send())
                        .delete("/mcp", (request, response) -> {
                            received.add(new Received(
                                    "DELETE", request.requestHeaders().get("Mcp-Session-Id"), ""));
                            return response.status(204).send();
                        }))
                .bindNow();
    }

    private Mono<Void> answer(JsonNode body, HttpServerResponse response) {
        if (body.isArray()) {
            StringBuilder out = new StringBuilder("[");
            body.forEach(message -> out.append(out.length() > 1 ? "," : "").append(result(message.get("id"), "{}")));
            return json(response, out.append(']').toString());
        }
        String method = body.path("method").asString("");
        if (!body.has("id")) {
            return response.status(202).send().then();
        }
        JsonNode id = body.get("id");
        if (method.equals("initialize")) {
            String version = body.path("params").path("protocolVersion").asString("2025-06-18");
            response.header("Mcp-Session-Id", "scripted-" + sessions.incrementAndGet());
            return json(
                    response,
                    result(
                            id,
                            "{\"protocolVersion\":\"" + version
                                    + "\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"scripted\",\"version\":\"1\"}}"));
        }
        if (method.equals("tools/list")) {
            Flux<String> progress = Flux.range(1, PROGRESS_EVENTS)
                    .delayElements(Duration.ofMillis(GAP_MILLIS))
                    .map(i ->
                            "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":"
                                    + i + "}}\n\n");
            Mono<String> list = Mono.delay(Duration.ofMillis(GAP_MILLIS))
                    .thenReturn("id: list-1\ndata: "
                            + result(
                                    id,
                                    "{\"tools\":[{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\"}},{\"name\":\"whoami\",\"inputSchema\":"
                                            + "{\"type\":\"object\"}},{\"name\":\"other\",\"inputSchema\":{\"type\":\"object\"}}]}")
                            + "\n\n");
            return response.header("Content-Type", "text/event-stream")
                    .sendString(progress.concatWith(list))
                    .then();
        }
        return json(
                response,
                result(
                        id,
                        method.equals("tools/call")
                                ? "{\"content\":[{\"type\":\"text\",\"text\":\"scripted\"}],\"isError\":false}"
                                : "{}"));
    }

    private static Mono<Void> json(HttpServerResponse response, String body) {
        return response.header("Content-Type", "application/json")
                .sendString(Mono.just(body))
                .then();
    }

    private static String result(JsonNode id, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + JSON.writeValueAsString(id) + ",\"result\":" + result + "}";
    }

    String mcpUrl() {
        return "http://127.0.0.1:" + server.port() + "/mcp";
    }

    /** Whether any request body received so far contains {@code marker} (tests mark each request with a unique id). */
    boolean received(String marker) {
        return received.stream().anyMatch(request -> request.body().contains(marker));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
