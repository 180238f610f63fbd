package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import dev.mcpgateway.support.LegacyStream;
import dev.mcpgateway.support.RawHttp;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.ScriptedUpstream.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * What of an upstream's answer reaches the client. The gateway is the client's resource server: an upstream's own
 * authentication challenge, redirect or informational status never reaches an MCP client ({@code 502} instead),
 * and headers the gateway owns on its origin (challenges, CORS, cookies, transport security, banners) are
 * dropped; the rest passes. On routes with and without a tool map.
 */
class UpstreamAnswerIT extends GatewayIntegrationTest {

    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";

    @BeforeEach
    void resetUpstream() {
        PEERS.hostile.reset();
    }

    static Stream<String> routes() {
        return Stream.of("/plain/mcp", "/hostile/mcp");
    }

    @ParameterizedTest
    @MethodSource("routes")
    void upstreamAuthenticationChallengeIsNeverPassedOn(String path) {
        for (int status : List.of(401, 407)) {
            PEERS.hostile.script(request -> Answer.raw(
                    status,
                    List.of(
                            Map.entry(
                                    "WWW-Authenticate",
                                    "Bearer resource_metadata=\"http://evil.example/.well-known/oauth-protected-resource\""),
                            Map.entry("Proxy-Authenticate", "Basic realm=\"evil\""),
                            Map.entry("Content-Type", "application/json")),
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-1,\"message\":\"log in at evil\"}}"
                            .getBytes(StandardCharsets.UTF_8)));
            EntityExchangeResult<String> answer = post(path);
            assertThat(answer.getStatus().value()).isEqualTo(502);
            assertThat(answer.getResponseHeaders().get(HttpHeaders.WWW_AUTHENTICATE))
                    .isNull();
            assertThat(answer.getResponseHeaders().get("Proxy-Authenticate")).isNull();
            assertThat(answer.getResponseBody()).doesNotContain("evil");
        }
    }

    @ParameterizedTest
    @MethodSource("routes")
    void upstreamRedirectIsNeverPassedOn(String path) {
        for (int status : List.of(301, 302, 307, 308)) {
            PEERS.hostile.script(request ->
                    Answer.raw(status, List.of(Map.entry("Location", "http://internal.example/admin")), new byte[0]));
            EntityExchangeResult<String> answer = post(path);
            assertThat(answer.getStatus().value()).isEqualTo(502);
            assertThat(answer.getResponseHeaders().getLocation()).isNull();
            assertThat(answer.getResponseBody()).doesNotContain("internal.example");
        }
    }

    @ParameterizedTest
    @MethodSource("routes")
    void upstreamForbiddenPassesWithoutItsChallenge(String path) {
        PEERS.hostile.script(request -> Answer.raw(
                403,
                List.of(
                        Map.entry("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"everything\""),
                        Map.entry("Content-Type", "application/json")),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"not for you\"}}"
                        .getBytes(StandardCharsets.UTF_8)));
        EntityExchangeResult<String> answer = post(path);
        assertThat(answer.getStatus().value()).isEqualTo(403);
        assertThat(answer.getResponseHeaders().get(HttpHeaders.WWW_AUTHENTICATE))
                .isNull();
        assertThat(answer.getResponseBody()).contains("not for you");
    }

    @ParameterizedTest
    @MethodSource("routes")
    void headersTheGatewayOwnsOnItsOriginAreDropped(String path) {
        PEERS.hostile.script(request -> Answer.raw(
                200,
                List.of(
                        Map.entry("Content-Type", "application/json"),
                        Map.entry("Set-Cookie", "session=planted; Path=/"),
                        Map.entry("Strict-Transport-Security", "max-age=0"),
                        Map.entry("Access-Control-Allow-Origin", "*"),
                        Map.entry("Access-Control-Allow-Credentials", "true"),
                        Map.entry("Server", "internal-mcp/1.2.3"),
                        Map.entry("X-Powered-By", "Express"),
                        Map.entry("Alt-Svc", "h3=\":443\""),
                        Map.entry("X-Upstream-Note", "kept")),
                ScriptedUpstream.result(request.rawId(), "{\"content\":[],\"isError\":false}")
                        .getBytes(StandardCharsets.UTF_8)));
        EntityExchangeResult<String> answer = post(path);
        assertThat(answer.getStatus().value()).isEqualTo(200);
        HttpHeaders headers = answer.getResponseHeaders();
        assertThat(headers.headerNames())
                .noneMatch(name -> name.equalsIgnoreCase("Set-Cookie")
                        || name.equalsIgnoreCase("Server")
                        || name.equalsIgnoreCase("Strict-Transport-Security")
                        || name.toLowerCase().startsWith("access-control-")
                        || name.equalsIgnoreCase("X-Powered-By")
                        || name.equalsIgnoreCase("Alt-Svc"));
        assertThat(headers.getFirst("X-Upstream-Note")).isEqualTo("kept");
    }

    @ParameterizedTest
    @MethodSource("routes")
    void hopByHopAndNominatedFieldsOfAChunkedAnswerNeverReachTheClientWhichGetsOneFraming(String path) {
        String result = ScriptedUpstream.result("1", "{\"content\":[],\"isError\":false}");
        int half = result.length() / 2;
        PEERS.hostile.script(request -> Answer.rawResponse("HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "Connection: keep-alive, X-Hop\r\n"
                + "X-Hop: upstream-connection-detail\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "Proxy-Connection: keep-alive\r\n"
                + "Upgrade: h2c\r\n"
                + "Trailer: X-Checksum\r\n"
                + "TE: trailers\r\n"
                + "X-Upstream-Note: kept\r\n"
                + "\r\n"
                + Integer.toHexString(half) + "\r\n" + result.substring(0, half) + "\r\n"
                + Integer.toHexString(result.length() - half) + "\r\n" + result.substring(half) + "\r\n"
                + "0\r\nX-Checksum: abc\r\n\r\n"));
        RawHttp.Answer answer = rawPost(path);
        assertThat(answer.status()).isEqualTo(200);
        List<String> names = Stream.of(answer.head().split("\r\n"))
                .skip(1)
                .map(line -> line.substring(0, line.indexOf(':')).trim().toLowerCase(java.util.Locale.ROOT))
                .toList();
        assertThat(names)
                .doesNotContain("x-hop", "keep-alive", "proxy-connection", "upgrade", "trailer", "te", "x-checksum")
                .contains("x-upstream-note");
        assertThat(names.stream().filter(name -> name.equals("content-length") || name.equals("transfer-encoding")))
                .hasSize(1);
        assertThat(answer.body()).isEqualTo(result);
    }

    static Stream<Arguments> routesAndVersions() {
        return routes().flatMap(path -> Stream.of(Arguments.of(path, "HTTP/1.1"), Arguments.of(path, "HTTP/1.0")));
    }

    /**
     * RFC 9112 §6.3: an answer with both framings is ambiguous, in HTTP/1.0 as in HTTP/1.1; the client must never get
     * the upstream's {@code Content-Length} with a body of another length.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routesAndVersions")
    void chunkedAnswerThatAlsoStatesAContentLengthIsABrokenAnswer(String path, String version) {
        String result = ScriptedUpstream.result("1", "{\"content\":[],\"isError\":false}");
        PEERS.hostile.script(request -> Answer.rawResponse(version + " 200 OK\r\n"
                + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "Content-Length: 3\r\n"
                + "\r\n"
                + Integer.toHexString(result.length()) + "\r\n" + result + "\r\n0\r\n\r\n"));
        RawHttp.Answer answer = rawPost(path);
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body()).doesNotContain("isError");
    }

    @ParameterizedTest
    @MethodSource("routes")
    void jsonAnswerTheUpstreamBreaksOffInsideItsLengthIsABrokenAnswerNeverACutSuccess(String path) {
        String result = ScriptedUpstream.result("1", "{\"content\":[],\"isError\":false}");
        PEERS.hostile.script(request -> Answer.rawResponse("HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/json\r\n"
                + "X-Upstream-Note: of-the-broken-answer\r\n"
                + "Content-Length: " + (result.length() + 100) + "\r\n"
                + "\r\n"
                + result));
        RawHttp.Answer answer = rawPost(path);
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body()).contains("\"jsonrpc\"").doesNotContain("isError");
        assertThat(answer.header("X-Upstream-Note"))
                .as("the broken answer's own fields go with it")
                .isNull();
    }

    private static RawHttp.Answer rawPost(String path) {
        String token = tokenFor(path, "mcp:access");
        return RawHttp.exchange(
                PEERS.gatewayPort,
                "POST " + path + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + PEERS.gatewayPort + "\r\n"
                        + "Authorization: Bearer " + token + "\r\n"
                        + "Content-Type: application/json\r\n"
                        + "Accept: application/json, text/event-stream\r\n"
                        + "Content-Length: " + CALL.length() + "\r\n"
                        + "Connection: close\r\n"
                        + "\r\n"
                        + CALL);
    }

    /** How the upstream frames its second answer to {@code initialize}: chunked, with a length, or empty. */
    static Stream<String> initializeFramings() {
        return Stream.of("chunked", "Content-Length", "empty");
    }

    @ParameterizedTest
    @MethodSource("initializeFramings")
    void sessionIdTheUpstreamAlreadyGaveAnotherPrincipalIsABrokenAnswerNotAnInternalError(String framing) {
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
        String alice = tokenFor("/plain/mcp", "mcp:access", claims -> claims.subject("alice-" + System.nanoTime()));
        String bob = tokenFor("/plain/mcp", "mcp:access", claims -> claims.subject("bob-" + System.nanoTime()));
        String shared = "shared-" + framing + "-" + System.nanoTime();
        AtomicInteger answered = new AtomicInteger();
        PEERS.hostile.script(request -> {
            if (!request.isPost("initialize")) {
                return null;
            }
            Answer chunked = Answer.raw(
                    200,
                    List.of(Map.entry("Content-Type", "application/json"), Map.entry("Mcp-Session-Id", shared)),
                    ScriptedUpstream.result(
                                    request.rawId(),
                                    "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"serverInfo\":{\"name\":\"h\",\"version\":\"1\"}}")
                            .getBytes(StandardCharsets.UTF_8));
            if (answered.getAndIncrement() == 0 || framing.equals("chunked")) {
                return chunked;
            }
            return framing.equals("Content-Length")
                    ? chunked.withContentLength()
                    : Answer.rawResponse("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nMcp-Session-Id: "
                            + shared + "\r\nContent-Length: 0\r\n\r\n");
        });
        client().post()
                .uri("/plain/mcp")
                .headers(h -> h.setBearerAuth(alice))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(initialize)
                .exchange()
                .expectStatus()
                .isOk();
        client().post()
                .uri("/plain/mcp")
                .headers(h -> h.setBearerAuth(bob))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(initialize)
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectHeader()
                .doesNotExist("Mcp-Session-Id");
    }

    @Test
    void legacyMessageAcceptedWithAPlainTextBodyPassesAsAccepted() {
        PEERS.hostile.script(request -> request.method().equals("GET")
                ? Answer.sse(
                                "event: endpoint\ndata: /messages?sessionId=abc-" + System.nanoTime() + "\n\n",
                                ": still open\n\n")
                        .spacedBy(Duration.ofSeconds(30))
                : request.method().equals("POST")
                        ? Answer.raw(
                                202,
                                List.of(Map.entry("Content-Type", "text/plain; charset=utf-8")),
                                "Accepted".getBytes(StandardCharsets.UTF_8))
                        : null);
        String token = tokenFor("/hostile/sse", "mcp:access");
        try (LegacyStream stream = LegacyStream.open(PEERS.baseUrl(), "/hostile/sse", token)) {
            assertThat(stream.endpoint()).startsWith("/hostile/sse/message?sessionId=");
            client().post()
                    .uri(stream.endpoint())
                    .headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(CALL)
                    .exchange()
                    .expectStatus()
                    .isAccepted();
        }
    }

    /**
     * A legacy message POST goes to the message endpoint the upstream announced (another URL than the route's
     * endpoint, so another request sender), with the same header rules and one exact framing.
     */
    @Test
    void legacyMessageReachesTheAnnouncedEndpointWithItsExactBodyAndWithoutTheClientsToken() {
        String session = "abc-" + System.nanoTime();
        PEERS.hostile.script(request -> request.method().equals("GET")
                ? Answer.sse("event: endpoint\ndata: /messages?sessionId=" + session + "\n\n", ": still open\n\n")
                        .spacedBy(Duration.ofSeconds(30))
                : request.method().equals("POST") ? Answer.accepted() : null);
        String token = tokenFor("/hostile/sse", "mcp:access");
        try (LegacyStream stream = LegacyStream.open(PEERS.baseUrl(), "/hostile/sse", token)) {
            client().post()
                    .uri(stream.endpoint())
                    .headers(h -> h.setBearerAuth(token))
                    .header(HttpHeaders.HOST, "internal.example")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(CALL)
                    .exchange()
                    .expectStatus()
                    .isAccepted();
        }
        var received = PEERS.hostile.requests().stream()
                .filter(request -> request.method().equals("POST"))
                .reduce((first, second) -> second)
                .orElseThrow();
        assertThat(received.uri()).isEqualTo("/messages?sessionId=" + session);
        assertThat(received.body()).isEqualTo(CALL);
        assertThat(received.headers().getAll("Content-Length")).containsExactly(String.valueOf(CALL.length()));
        assertThat(received.headers().contains("Transfer-Encoding")).isFalse();
        assertThat(received.headers().contains(HttpHeaders.AUTHORIZATION)).isFalse();
        assertThat(received.headers().getAll(HttpHeaders.HOST))
                .containsExactly(java.net.URI.create(PEERS.hostile.mcpUrl()).getRawAuthority());
        assertThat(received.headers().getAll("X-MCP-Subject")).hasSize(1);
    }

    private EntityExchangeResult<String> post(String path) {
        return client().post()
                .uri(path)
                .headers(h -> h.setBearerAuth(tokenFor(path, "mcp:access")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CALL)
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }
}
