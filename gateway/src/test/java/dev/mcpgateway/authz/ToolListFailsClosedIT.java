package dev.mcpgateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import dev.mcpgateway.support.LegacyStream;
import dev.mcpgateway.support.RecordedRequest;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.ScriptedUpstream.Answer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Response shaping fails closed: on a route with a tool map, a tool the caller may not call never reaches the
 * client, whatever shape a hostile (or merely unusual) upstream gives the {@code tools/list} answer, as long as a
 * real client would accept that shape. Each case answers a reader's {@code tools/list} with a list naming
 * {@code whoami} (reserved for {@code mcp:admin}); the client must then get a list without it, or no list at all
 * (a {@code 502}, or a stream cut before the event). The oracle is deliberately lenient, like the most lenient
 * client: it decodes the bytes as UTF-8 with replacement, undoes JSON escapes and looks for the name anywhere.
 */
class ToolListFailsClosedIT extends GatewayIntegrationTest {

    private static final String PATH = "/hostile/mcp";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
    private static final String ECHO = "{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\"}}";
    private static final String WHOAMI = "{\"name\":\"whoami\",\"inputSchema\":{\"type\":\"object\"}}";
    private static final String BOTH = "[" + ECHO + "," + WHOAMI + "]";

    @BeforeEach
    void resetUpstream() {
        PEERS.hostile.reset();
    }

    static Stream<Arguments> hostileShapes() {
        return Stream.of(
                shape("SSE event with an empty event field", sse("event:\ndata: " + list("1") + "\n\n")),
                shape("SSE event field of one space", sse("event: \ndata: " + list("1") + "\n\n")),
                shape("SSE stream starting with a byte order mark", sse("\uFEFFdata: " + list("1") + "\n\n")),
                shape("BOM then an explicit message event", sse("\uFEFFevent: message\ndata: " + list("1") + "\n\n")),
                shape("SSE lines ended by CR only", sse("event: message\rdata: " + list("1") + "\r\r")),
                shape("SSE lines ended by CRLF", sse("event: message\r\ndata: " + list("1") + "\r\n\r\n")),
                shape("SSE data without a space after the colon", sse("data:" + list("1") + "\n\n")),
                shape(
                        "SSE data split over several data lines",
                        sse("data: {\"jsonrpc\":\"2.0\",\"id\":1,\ndata: \"result\":{\"tools\":" + BOTH + "}}\n\n")),
                shape(
                        "SSE event split across chunks mid-line",
                        sseChunks(
                                "da",
                                "ta: " + list("1").substring(0, 20),
                                list("1").substring(20) + "\r",
                                "\n\r\n")),
                shape("SSE event without a final blank line", sse("data: " + list("1"))),
                shape(
                        "CR inside a line, read as LF-only by Go clients",
                        sse("data: " + list("1") + "\nfoo: bar\revent: x\n\n")),
                shape(
                        "event type with a trailing space, trimmed by Go",
                        sse("event: message \ndata: " + list("1") + "\n\n")),
                shape("event type after a tab", sse("event:\tmessage\ndata: " + list("1") + "\n\n")),
                shape("a list in an event of another type", sse("event: other\ndata: " + list("1") + "\n\n")),
                shape("a list in an endpoint-typed event", sse("event: endpoint\ndata: " + list("1") + "\n\n")),
                shape("U+2028 in an id, a line break to old httpx-sse", sse("id: 1\u2028data: " + list("1") + "\n\n")),
                shape("form feed in a comment", sse(": c\u000Cdata: " + list("1") + "\n\n")),
                shape("NEL in a retry field", sse("retry: 1\u0085data: " + list("1") + "\n\n")),
                shape(
                        "duplicate keys in an event of another type",
                        sse("event: other\ndata: {\"jsonrpc\":\"2.0\",\"id\":1," + "\"result\":{\"tools\":[" + ECHO
                                + "]},\"result\":{\"tools\":" + BOTH + "}}\n\n")),
                shape(
                        "result key with a long s",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"re\u017fult\":{\"tools\":" + BOTH + "}}")),
                shape(
                        "JSON key spelled with an escape",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"\\u0074ools\":" + BOTH + "}}")),
                shape(
                        "result key spelled with escapes",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"r\\u0065sult\":{\"tools\":" + BOTH + "}}")),
                shape(
                        "escaped key in an SSE event",
                        sse("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"t\\u006fols\":" + BOTH + "}}\n\n")),
                shape(
                        "tool name spelled with an escape",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[" + ECHO
                                + ",{\"name\":\"\\u0077hoami\"}]}}")),
                shape("string id for a numeric request id", json(list("\"1\""))),
                shape("fractional id for an integer request id", json(list("1.0"))),
                shape("exponent id", json(list("1e0"))),
                shape("another request's id", json(list("99"))),
                shape("null id", json(list("null"))),
                shape("no id at all", json("{\"jsonrpc\":\"2.0\",\"result\":{\"tools\":" + BOTH + "}}")),
                shape(
                        "invalid UTF-8 in the JSON body",
                        Answer.raw(
                                200,
                                List.of(Map.entry("Content-Type", "application/json")),
                                concat(
                                        list("1").replace("\"echo\"", "\"ech").getBytes(StandardCharsets.UTF_8),
                                        new byte[] {(byte) 0xC3}))),
                shape(
                        "invalid UTF-8 inside a description",
                        Answer.raw(
                                200,
                                List.of(Map.entry("Content-Type", "application/json")),
                                concat(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"echo\",\"description\":\""
                                                .getBytes(StandardCharsets.UTF_8),
                                        new byte[] {(byte) 0xFF, (byte) 0xFE},
                                        ("\"}," + WHOAMI + "]}}").getBytes(StandardCharsets.UTF_8)))),
                shape(
                        "invalid UTF-8 in an SSE event",
                        Answer.raw(
                                200,
                                List.of(Map.entry("Content-Type", "text/event-stream")),
                                concat(
                                        "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"x\":\""
                                                .getBytes(StandardCharsets.UTF_8),
                                        new byte[] {(byte) 0x80},
                                        ("\",\"tools\":" + BOTH + "}}\n\n").getBytes(StandardCharsets.UTF_8)))),
                shape(
                        "very deep nesting beside the list",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"x\":" + "[".repeat(5000) + "]".repeat(5000)
                                + ",\"tools\":" + BOTH + "}}")),
                shape(
                        "a huge number beside the list",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"x\":1" + "0".repeat(5000) + ",\"tools\":"
                                + BOTH + "}}")),
                shape(
                        "a huge exponent beside the list",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"x\":1e99999999,\"tools\":" + BOTH + "}}")),
                shape(
                        "duplicate result keys",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[" + ECHO
                                + "]},\"result\":{\"tools\":" + BOTH + "}}")),
                shape(
                        "duplicate tools keys",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[" + ECHO + "],\"tools\":" + BOTH
                                + "}}")),
                shape(
                        "case variant of tools",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"Tools\":" + BOTH + "}}")),
                shape(
                        "case variant of result",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"Result\":{\"tools\":" + BOTH + "}}")),
                shape(
                        "case variant of a tool's name",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[" + ECHO
                                + ",{\"name\":\"echo\",\"Name\":\"whoami\"}]}}")),
                shape("a batch of responses", json("[" + list("1") + "]")),
                shape("JSON with trailing content", json(list("1") + "{}")),
                shape(
                        "JSON with a comment",
                        json("{\"jsonrpc\":\"2.0\",\"id\":1,/* hi */\"result\":{\"tools\":" + BOTH + "}}")),
                shape("content type with parameters and capitals", typed("Application/JSON; charset=UTF-8", list("1"))),
                shape(
                        "event-stream with a charset",
                        Answer.raw(
                                200,
                                List.of(Map.entry("Content-Type", "text/event-stream; charset=utf-8")),
                                ("data: " + list("1") + "\n\n").getBytes(StandardCharsets.UTF_8))),
                shape("a JSON-ish vendor type", typed("application/vnd.mcp+json", list("1"))),
                shape("JSON labelled as text/plain", typed("text/plain", list("1"))),
                shape(
                        "JSON without any content type",
                        Answer.raw(200, List.of(), list("1").getBytes(StandardCharsets.UTF_8))),
                shape(
                        "two Content-Type fields",
                        Answer.raw(
                                200,
                                List.of(
                                        Map.entry("Content-Type", "text/plain"),
                                        Map.entry("Content-Type", "application/json")),
                                list("1").getBytes(StandardCharsets.UTF_8))),
                shape(
                        "gzip among several codings",
                        Answer.raw(
                                200,
                                List.of(
                                        Map.entry("Content-Type", "application/json"),
                                        Map.entry("Content-Encoding", "identity, gzip")),
                                list("1").getBytes(StandardCharsets.UTF_8))),
                shape(
                        "a list in an error response body",
                        Answer.raw(
                                400,
                                List.of(Map.entry("Content-Type", "application/json")),
                                list("1").getBytes(StandardCharsets.UTF_8))),
                shape(
                        "the list as 202 Accepted with a body",
                        Answer.raw(
                                202,
                                List.of(Map.entry("Content-Type", "application/json")),
                                list("1").getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileShapes")
    void forbiddenToolNeverReachesARawClient(String shape, Function<RecordedRequest, Answer> answer) {
        PEERS.hostile.script(request -> request.isPost("tools/list") ? answer.apply(request) : null);
        Received received = post(LIST, tokenFor(PATH, "mcp:access"));
        assertNoForbiddenTool(shape, received);
    }

    @Test
    void clientFractionalIdIsRefusedSoItsAnswerCannotDodgeTheFilter() {
        Received received =
                post("{\"jsonrpc\":\"2.0\",\"id\":7.0,\"method\":\"tools/list\"}", tokenFor(PATH, "mcp:access"));
        assertThat(received.status()).isEqualTo(400);
        assertThat(received.text()).contains("-32600");
        assertThat(PEERS.hostile.requests()).isEmpty();
    }

    @Test
    void answerDeliveredOnTheStreamOfAnotherPostIsFiltered() {
        PEERS.hostile.script(request -> request.isPost("tools/call")
                ? Answer.sse(
                        "data: " + list("\"list-elsewhere\"") + "\n\n",
                        "data: " + ScriptedUpstream.result(request.rawId(), "{\"content\":[],\"isError\":false}")
                                + "\n\n")
                : null);
        Received received = post(
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}",
                tokenFor(PATH, "mcp:access"));
        assertNoForbiddenTool("tools/list answer on a tools/call stream", received);
        assertThat(received.text()).contains("echo");
    }

    @Test
    void answerOnTheGetStreamInAnUntypedEventIsFiltered() {
        PEERS.hostile.script(request -> request.method().equals("GET")
                ? Answer.sse(": hello\n\n", "id: 1\ndata: " + list("5") + "\n\n", "event:\ndata: " + list("6") + "\n\n")
                : null);
        Received received = exchange(WebClient.create(PEERS.baseUrl())
                .get()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(tokenFor(PATH, "mcp:access")))
                .accept(MediaType.TEXT_EVENT_STREAM));
        assertNoForbiddenTool("GET stream", received);
        assertThat(received.text()).contains("echo");
    }

    @Test
    void legacyStreamMessagesAreFilteredWhateverTheirEventField() {
        PEERS.hostile.script(request -> request.method().equals("GET")
                ? Answer.sse(
                        "event: endpoint\ndata: /messages?sessionId=abc\n\n",
                        "event:\ndata: " + list("1") + "\n\n",
                        "\uFEFFevent: message\ndata: " + list("2") + "\n\n",
                        "data: " + list("3") + "\n\n")
                : null);
        Received received = exchange(WebClient.create(PEERS.baseUrl())
                .get()
                .uri("/hostile/sse")
                .headers(h -> h.setBearerAuth(tokenFor("/hostile/sse", "mcp:access")))
                .accept(MediaType.TEXT_EVENT_STREAM));
        assertNoForbiddenTool("legacy stream", received);
        assertThat(received.text()).contains("/hostile/sse/message?sessionId=");
    }

    @Test
    void legacyMessagePostAnswerIsFilteredToo() {
        PEERS.hostile.script(request -> request.method().equals("GET")
                ? Answer.sse(
                                "event: endpoint\ndata: /messages?sessionId=abc-" + System.nanoTime() + "\n\n",
                                ": still open\n\n")
                        .spacedBy(Duration.ofSeconds(30))
                : request.isPost("tools/list") ? Answer.json(list(request.rawId())) : null);
        String token = tokenFor("/hostile/sse", "mcp:access");
        try (LegacyStream stream = LegacyStream.open(PEERS.baseUrl(), "/hostile/sse", token)) {
            assertThat(stream.endpoint()).startsWith("/hostile/sse/message?sessionId=");
            Received received = exchange(WebClient.create(PEERS.baseUrl())
                    .post()
                    .uri(stream.endpoint())
                    .headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(LIST));
            assertThat(received.status())
                    .as("the message reached the upstream's answer")
                    .isEqualTo(200);
            assertNoForbiddenTool("legacy message answer", received);
        }
    }

    static Stream<Arguments> sdkShapes() {
        return Stream.of(
                shape("empty event field", sse("event:\ndata: " + list("ID") + "\n\n")),
                shape("byte order mark", sse("\uFEFFdata: " + list("ID") + "\n\n")),
                shape("escaped key", json("{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":{\"\\u0074ools\":" + BOTH + "}}")),
                shape("another request's id", json(list("\"someone-else\""))),
                shape(
                        "duplicate tools keys",
                        json("{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":{\"tools\":[" + ECHO + "],\"tools\":" + BOTH
                                + "}}")),
                shape("CR line ends", sse("data: " + list("ID") + "\r\r")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkShapes")
    void forbiddenToolNeverReachesTheMcpJavaSdkClient(String shape, Function<RecordedRequest, Answer> answer) {
        PEERS.hostile.script(
                request -> request.isPost("tools/list") ? withId(answer.apply(request), request.rawId()) : null);
        String token = tokenFor(PATH, "mcp:access");
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(PEERS.baseUrl())
                .endpoint(PATH)
                .httpRequestCustomizer((builder, method, uri, body, context) ->
                        builder.header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .build();
        try (McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(5)).build()) {
            client.initialize();
            List<String> tools;
            try {
                tools = client.listTools().tools().stream().map(Tool::name).toList();
            } catch (RuntimeException refused) {
                tools = List.of();
            }
            assertThat(tools).as(shape).doesNotContain("whoami");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    record Received(int status, String text) {}

    private static Received post(String body, String token) {
        return exchange(WebClient.create(PEERS.baseUrl())
                .post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
                .bodyValue(body));
    }

    /** Everything the client received, up to the end of the response or the moment the connection broke. */
    private static Received exchange(WebClient.RequestHeadersSpec<?> request) {
        AtomicReference<Integer> status = new AtomicReference<>(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        request.exchangeToMono(response -> {
                    status.set(response.statusCode().value());
                    return response.bodyToFlux(DataBuffer.class)
                            .doOnNext(buffer -> {
                                byte[] chunk = new byte[buffer.readableByteCount()];
                                buffer.read(chunk);
                                DataBufferUtils.release(buffer);
                                synchronized (bytes) {
                                    bytes.writeBytes(chunk);
                                }
                            })
                            .then();
                })
                .onErrorResume(broken -> Mono.empty())
                .block(Duration.ofSeconds(20));
        synchronized (bytes) {
            return new Received(status.get(), bytes.toString(StandardCharsets.UTF_8));
        }
    }

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    private static void assertNoForbiddenTool(String shape, Received received) {
        assertThat(received.text())
                .as("%s: no separator a client could split on", shape)
                .doesNotContain("\u2028", "\u2029", "\u0085", "\u000B", "\u000C", "\r");
        Matcher escapes = UNICODE_ESCAPE.matcher(received.text());
        String unescaped = escapes.replaceAll(
                match -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(match.group(1), 16))));
        assertThat(unescaped.toLowerCase(Locale.ROOT))
                .as("%s: answered %d", shape, received.status())
                .doesNotContain("whoami");
    }

    private static Arguments shape(String name, Function<RecordedRequest, Answer> answer) {
        return Arguments.of(name, answer);
    }

    private static Arguments shape(String name, Answer answer) {
        return Arguments.of(name, (Function<RecordedRequest, Answer>) request -> answer);
    }

    private static String list(String rawId) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + rawId + ",\"result\":{\"tools\":" + BOTH + "}}";
    }

    private static Function<RecordedRequest, Answer> json(String body) {
        return request -> Answer.json(body);
    }

    private static Function<RecordedRequest, Answer> typed(String contentType, String body) {
        return request ->
                Answer.raw(200, List.of(Map.entry("Content-Type", contentType)), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Function<RecordedRequest, Answer> sse(String event) {
        return request -> Answer.sse(event);
    }

    private static Function<RecordedRequest, Answer> sseChunks(String... chunks) {
        return request -> Answer.sse(chunks);
    }

    /** The answer with its {@code ID} placeholder replaced by the request's id, as the request wrote it. */
    private static Answer withId(Answer answer, String rawId) {
        return answer.mapChunks(chunk -> chunk.replace("ID", rawId));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
