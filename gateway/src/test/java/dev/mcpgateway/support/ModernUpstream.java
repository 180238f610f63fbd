package dev.mcpgateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted MCP 2026-07-28 upstream (stateless, JSON answers) that records every body it receives. Lists carry
 * caching hints with {@code cacheScope: "public"}: {@code tools/list} in two pages ({@code echo}, {@code create_issue},
 * {@code admin_tool}, then {@code whoami} for cursor {@value #SECOND_PAGE}), {@code prompts/list} ({@code summary},
 * {@code triage}), {@code resources/list} ({@code repo://public/readme}, {@code repo://private/keys}) and
 * {@code resources/templates/list} ({@code repo://public/{name}}, {@code repo://private/{name}}). {@code tools/call}
 * of {@code ask} without a {@code requestState} answers an {@code InputRequiredResult} whose state is
 * {@value #STATE_PREFIX} followed by the call's arguments; with one, a complete result whose text is
 * {@code state=<the state received>}. With {@value #SSE_HEADER} the answer comes as one SSE event. Anything else gets
 * a complete empty result.
 */
public final class ModernUpstream implements AutoCloseable {

    public static final String SECOND_PAGE = "page-2";
    public static final String STATE_PREFIX = "upstream-state:";
    public static final String SSE_HEADER = "X-Test-Sse";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    private ModernUpstream() {
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
                                    bodies.add(body);
                                    JsonNode message = JSON.readTree(body);
                                    String result = result(message);
                                    String answer = "{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id") + ",\"result\":"
                                            + result + "}";
                                    return send(
                                            response,
                                            answer,
                                            request.requestHeaders().contains(SSE_HEADER));
                                })))
                .bindNow();
    }

    public static ModernUpstream start() {
        return new ModernUpstream();
    }

    private static String result(JsonNode message) {
        JsonNode params = message.path("params");
        String hints = ",\"resultType\":\"complete\",\"ttlMs\":60000,\"cacheScope\":\"public\"";
        return switch (message.path("method").asString("")) {
            case "tools/list" ->
                params.path("cursor").asString("").equals(SECOND_PAGE)
                        ? "{\"tools\":[" + named("whoami") + "],\"resultType\":\"complete\",\"ttlMs\":30000,"
                                + "\"cacheScope\":\"public\"}"
                        : "{\"tools\":[" + named("echo") + "," + named("create_issue") + "," + named("admin_tool")
                                + "],\"nextCursor\":\"" + SECOND_PAGE + "\"" + hints + "}";
            case "prompts/list" -> "{\"prompts\":[" + named("summary") + "," + named("triage") + "]" + hints + "}";
            case "resources/list" ->
                "{\"resources\":[{\"uri\":\"repo://public/readme\",\"name\":\"readme\"},"
                        + "{\"uri\":\"repo://private/keys\",\"name\":\"keys\"}]" + hints + "}";
            case "resources/templates/list" ->
                "{\"resourceTemplates\":[{\"uriTemplate\":\"repo://public/{name}\","
                        + "\"name\":\"public\"},{\"uriTemplate\":\"repo://private/{name}\",\"name\":\"private\"}]"
                        + hints + "}";
            case "tools/call" -> params.path("name").asString("").equals("ask") ? ask(params) : complete();
            default -> complete();
        };
    }

    private static String ask(JsonNode params) {
        if (params.has("requestState")) {
            return "{\"resultType\":\"complete\",\"content\":[{\"type\":\"text\",\"text\":"
                    + JSON.writeValueAsString(
                            "state=" + params.get("requestState").asString()) + "}]}";
        }
        return "{\"resultType\":\"input_required\",\"inputRequests\":{\"who\":{\"method\":\"elicitation/create\","
                + "\"params\":{\"mode\":\"form\",\"message\":\"Name?\",\"requestedSchema\":{\"type\":\"object\","
                + "\"properties\":{\"name\":{\"type\":\"string\"}}}}}},\"requestState\":"
                + JSON.writeValueAsString(STATE_PREFIX + params.path("arguments")) + "}";
    }

    private static String complete() {
        return "{\"resultType\":\"complete\"}";
    }

    private static String named(String name) {
        return "{\"name\":\"" + name + "\",\"inputSchema\":{\"type\":\"object\"}}";
    }

    private static Mono<Void> send(HttpServerResponse response, String answer, boolean sse) {
        if (sse) {
            return response.header("Content-Type", "text/event-stream")
                    .sendString(Mono.just("event: message\ndata: " + answer + "\n\n"))
                    .then();
        }
        return response.header("Content-Type", "application/json")
                .sendString(Mono.just(answer))
                .then();
    }

    public String mcpUrl() {
        return "http://127.0.0.1:" + server.port() + "/mcp";
    }

    /** Every body received, in order. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
