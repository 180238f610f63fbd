package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import dev.mcpgateway.support.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * MCP 2026-07-28 requests beside legacy ones on one route, and on a {@code modern-only} route: the era is decided
 * per request from the body; a modern request's headers must mirror its body (SEP-2243) or it gets {@code 400} with
 * {@code -32020} and the upstream receives nothing; a modern request has no session.
 */
class ModernRequestsIT extends GatewayIntegrationTest {

    private static final String ROUTE = "/test/mcp";
    private static final String MODERN_ONLY = "/modern/mcp";
    private static final String VERSION = "2026-07-28";
    private static final String LOCATE_ARGUMENTS =
            "{\"region\":\"eu-west1\",\"count\":42,\"ratio\":0.5,\"where\":{\"zone\":\"b\"},\"note\":\"free text\"}";

    /** The gateway learns the tools' {@code x-mcp-header} declarations from a {@code tools/list} it relays. */
    @BeforeEach
    void listTools() {
        send(ROUTE, body("list", "tools/list", ""), h -> modern(h, "tools/list"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.result.tools[0].name")
                .isEqualTo("locate");
    }

    static Stream<Arguments> mismatches() {
        return Stream.of(
                Arguments.of("no MCP-Protocol-Version", without("MCP-Protocol-Version")),
                Arguments.of("MCP-Protocol-Version other than _meta", with("MCP-Protocol-Version", "2026-12-01")),
                Arguments.of("no Mcp-Method", without("Mcp-Method")),
                Arguments.of("Mcp-Method in other case", with("Mcp-Method", "TOOLS/CALL")),
                Arguments.of("Mcp-Method of another method", with("Mcp-Method", "tools/list")),
                Arguments.of("no Mcp-Name", without("Mcp-Name")),
                Arguments.of("Mcp-Name of another tool", with("Mcp-Name", "echo")),
                Arguments.of("Mcp-Name in other case", with("Mcp-Name", "Locate")),
                Arguments.of("Mcp-Name Base64 of another tool", with("Mcp-Name", "=?base64?ZWNobw==?=")),
                Arguments.of("Mcp-Name Base64 without padding", with("Mcp-Name", "=?base64?ZWNobw?=")),
                Arguments.of("Mcp-Name Base64 with bad characters", with("Mcp-Name", "=?base64?bG9j!!Rl?=")),
                Arguments.of("Mcp-Name Base64 of invalid UTF-8", with("Mcp-Name", "=?base64?/w==?=")),
                Arguments.of("no Mcp-Param-Region though the body sets region", without("Mcp-Param-Region")),
                Arguments.of("Mcp-Param-Region in other case", with("Mcp-Param-Region", "EU-WEST1")),
                Arguments.of(
                        "Mcp-Param-Region Base64 without padding", with("Mcp-Param-Region", "=?base64?ZXUtd2VzdDE?=")),
                Arguments.of(
                        "Mcp-Param-Region Base64 of another value",
                        with("Mcp-Param-Region", "=?base64?dXMtZWFzdDE=?=")),
                Arguments.of("Mcp-Param-Count of another integer", with("Mcp-Param-Count", "43")),
                Arguments.of("Mcp-Param-Count not a number", with("Mcp-Param-Count", "4x2")),
                Arguments.of("no Mcp-Param-Count", without("Mcp-Param-Count")),
                Arguments.of("Mcp-Param-Ratio of another number", with("Mcp-Param-Ratio", "0.25")),
                Arguments.of("nested Mcp-Param-Zone of another value", with("Mcp-Param-Zone", "a")),
                Arguments.of("header names in any case still checked", with("mcp-param-zone", "a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatches")
    void headerThatDoesNotMirrorTheBodyGets400HeaderMismatchAndNothingReachesTheUpstream(
            String scenario, Consumer<HttpHeaders> change) {
        String id = "mismatch-" + Math.abs(scenario.hashCode());
        send(ROUTE, body(id, "tools/call", "\"name\":\"locate\",\"arguments\":" + LOCATE_ARGUMENTS + ","), h -> {
                    locateHeaders(h);
                    change.accept(h);
                })
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.jsonrpc")
                .isEqualTo("2.0")
                .jsonPath("$.id")
                .isEqualTo(id)
                .jsonPath("$.error.code")
                .isEqualTo(-32020);
        assertNeverReceived(id);
    }

    @Test
    void resourcesReadAndPromptsGetNeedAMatchingMcpName() {
        send(ROUTE, body("read-1", "resources/read", "\"uri\":\"file:///a.txt\","), h -> {
                    modern(h, "resources/read");
                    h.set("Mcp-Name", "file:///b.txt");
                })
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(-32020);
        send(ROUTE, body("prompt-1", "prompts/get", "\"name\":\"greet\","), h -> modern(h, "prompts/get"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(-32020);
        assertNeverReceived("read-1");
        assertNeverReceived("prompt-1");
        send(ROUTE, body("read-2", "resources/read", "\"uri\":\"file:///a.txt\","), h -> {
                    modern(h, "resources/read");
                    h.set("Mcp-Name", "file:///a.txt");
                })
                .expectStatus()
                .isOk();
    }

    @Test
    void mirroredHeadersInAnyNameCaseBase64AndNumericFormPassAndAreForwardedUntouched() {
        String id = "accepted-1";
        send(ROUTE, body(id, "tools/call", "\"name\":\"locate\",\"arguments\":" + LOCATE_ARGUMENTS + ","), h -> {
                    h.set("mcp-protocol-version", VERSION);
                    h.set("mcp-method", "tools/call");
                    h.set("MCP-NAME", "=?base64?bG9jYXRl?=");
                    h.set("mcp-param-region", "=?base64?ZXUtd2VzdDE=?=");
                    h.set("MCP-PARAM-COUNT", "42.0");
                    h.set("Mcp-Param-Ratio", "0.50");
                    h.set("Mcp-Param-Zone", "b");
                    h.set("Mcp-Param-Unknown", "=?base64?not checked");
                })
                .expectStatus()
                .isOk();
        RecordedRequest received = received(id);
        assertThat(received.header("Mcp-Param-Region")).isEqualTo("=?base64?ZXUtd2VzdDE=?=");
        assertThat(received.header("Mcp-Param-Count")).isEqualTo("42.0");
        assertThat(received.header("Mcp-Param-Unknown"))
                .as("an Mcp-Param header no tool declares is forwarded untouched")
                .isEqualTo("=?base64?not checked");
    }

    @Test
    void absentOrNullArgumentsNeedNoHeaderAndUndeclaredToolsNeedOnlyTheStandardOnes() {
        send(ROUTE, body("partial-1", "tools/call", "\"name\":\"locate\",\"arguments\":{\"region\":null},"), h -> {
                    modern(h, "tools/call");
                    h.set("Mcp-Name", "locate");
                })
                .expectStatus()
                .isOk();
        send(ROUTE, body("echo-1", "tools/call", "\"name\":\"echo\",\"arguments\":{\"region\":\"x\"},"), h -> {
                    modern(h, "tools/call");
                    h.set("Mcp-Name", "echo");
                })
                .expectStatus()
                .isOk();
    }

    @Test
    void modernRequestIgnoresSessionHeadersAndNeverForwardsThem() {
        send(ROUTE, body("stateless-1", "tools/call", "\"name\":\"echo\","), h -> {
                    modern(h, "tools/call");
                    h.set("Mcp-Name", "echo");
                    h.set("Mcp-Session-Id", "never-bound");
                    h.set("Last-Event-ID", "ev-1");
                })
                .expectStatus()
                .isOk();
        RecordedRequest received = received("stateless-1");
        assertThat(received.headers().contains("Mcp-Session-Id")).isFalse();
        assertThat(received.headers().contains("Last-Event-ID")).isFalse();

        send(ROUTE, body("init-1", "initialize", ""), h -> modern(h, "initialize"))
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist("Mcp-Session-Id");
        assertThat(received("init-1")).isNotNull();
    }

    @Test
    void legacyRequestOnTheSameRouteKeepsItsSessionRules() {
        client().post()
                .uri(ROUTE)
                .headers(h -> h.setBearerAuth(validToken()))
                .header("Mcp-Session-Id", "never-bound")
                .header("MCP-Protocol-Version", "2025-11-25")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":\"legacy-1\",\"method\":\"tools/list\"}")
                .exchange()
                .expectStatus()
                .isNotFound();
        assertNeverReceived("legacy-1");
    }

    @Test
    void modernOnlyRouteRefusesGetDeleteAndLegacyRequests() {
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.DELETE)) {
            client().method(method)
                    .uri(MODERN_ONLY)
                    .headers(h -> h.setBearerAuth(tokenFor(MODERN_ONLY, "mcp:access")))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(405)
                    .expectHeader()
                    .valueEquals(HttpHeaders.ALLOW, "POST");
        }
        client().post()
                .uri(MODERN_ONLY)
                .headers(h -> h.setBearerAuth(tokenFor(MODERN_ONLY, "mcp:access")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":\"old-init\",\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo("old-init")
                .jsonPath("$.error.code")
                .isEqualTo(-32022)
                .jsonPath("$.error.data.supported[0]")
                .isEqualTo(VERSION)
                .jsonPath("$.error.data.requested")
                .isEqualTo("2025-03-26");
        assertNeverReceived("old-init");
        send(MODERN_ONLY, body("modern-only-1", "tools/list", ""), h -> modern(h, "tools/list"))
                .expectStatus()
                .isOk();
    }

    @Test
    void malformedEnvelopesAndModernBatchesGet400WithModernErrorBodies() {
        client().post()
                .uri(ROUTE)
                .headers(h -> h.setBearerAuth(validToken()))
                .headers(h -> modern(h, "tools/list"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":\"no-envelope\",\"method\":\"tools/list\",\"params\":{}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(-32602);
        client().post()
                .uri(ROUTE)
                .headers(h -> h.setBearerAuth(validToken()))
                .headers(h -> modern(h, "tools/list"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        "{\"jsonrpc\":\"2.0\",\"id\":\"bad-meta\",\"method\":\"tools/list\",\"params\":{\"_meta\":7}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(-32602);
        client().post()
                .uri(ROUTE)
                .headers(h -> h.setBearerAuth(validToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[" + body("in-batch", "tools/list", "") + "]")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(-32600);
        client().post()
                .uri(ROUTE)
                .headers(h -> h.setBearerAuth(validToken()))
                .headers(h -> modern(h, "tools/list"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(-32700)
                .jsonPath("$.id")
                .doesNotHaveJsonPath();
        assertNeverReceived("no-envelope");
        assertNeverReceived("bad-meta");
        assertNeverReceived("in-batch");
    }

    @Test
    void rateLimitedDiscoverProbeGets503WithRetryAfterNot429SoTheClientNeverDowngrades() {
        String path = "/limited/mcp";
        String token = tokenFor(path, "mcp:access", claims -> claims.claim("org", "discover-probe-tenant"));
        int status = 0;
        for (int i = 0; i < 10 && status != 503; i++) {
            status = WebTestClient.bindToServer()
                    .baseUrl(PEERS.baseUrl())
                    .build()
                    .post()
                    .uri(path)
                    .headers(h -> h.setBearerAuth(token))
                    .headers(h -> modern(h, "server/discover"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body("discover-" + i, "server/discover", ""))
                    .exchange()
                    .expectStatus()
                    .value(code -> assertThat(code).isIn(200, 503))
                    .expectBody()
                    .returnResult()
                    .getStatus()
                    .value();
        }
        assertThat(status).as("the tenant's 5 tokens ran out").isEqualTo(503);
        WebTestClient.bindToServer()
                .baseUrl(PEERS.baseUrl())
                .build()
                .post()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .headers(h -> modern(h, "server/discover"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body("discover-last", "server/discover", ""))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo("discover-last")
                .jsonPath("$.error.code")
                .isEqualTo(-31000);
        WebTestClient.bindToServer()
                .baseUrl(PEERS.baseUrl())
                .build()
                .post()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .headers(h -> modern(h, "tools/list"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body("list-limited", "tools/list", ""))
                .exchange()
                .expectStatus()
                .isEqualTo(429);
    }

    @Test
    void modernNotificationNeedsNoMcpMethodAndIsForwarded() {
        String cancelled = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{"
                + "\"requestId\":\"listen:notified\",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\""
                + VERSION
                + "\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        client().post()
                .uri(ROUTE)
                .headers(h -> h.setBearerAuth(validToken()))
                .header("MCP-Protocol-Version", VERSION)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(cancelled)
                .exchange()
                .expectStatus()
                .isAccepted();
        assertThat(received("listen:notified")).isNotNull();
    }

    private static WebTestClient.ResponseSpec send(String path, String body, Consumer<HttpHeaders> headers) {
        return WebTestClient.bindToServer()
                .baseUrl(PEERS.baseUrl())
                .build()
                .post()
                .uri(path)
                .headers(h -> h.setBearerAuth(tokenFor(path, "mcp:access")))
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** A request with the modern envelope; {@code params} is the rest of the params, ending with a comma. */
    static String body(String id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"params\":{" + params
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + VERSION + "\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    }

    static void modern(HttpHeaders headers, String method) {
        headers.set("MCP-Protocol-Version", VERSION);
        headers.set("Mcp-Method", method);
    }

    private static void locateHeaders(HttpHeaders headers) {
        modern(headers, "tools/call");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Mcp-Name", "locate");
        values.put("Mcp-Param-Region", "eu-west1");
        values.put("Mcp-Param-Count", "42");
        values.put("Mcp-Param-Ratio", "0.5");
        values.put("Mcp-Param-Zone", "b");
        values.forEach(headers::set);
    }

    private static Consumer<HttpHeaders> with(String name, String value) {
        return headers -> headers.set(name, value);
    }

    private static Consumer<HttpHeaders> without(String name) {
        return headers -> headers.remove(name);
    }

    private static RecordedRequest received(String id) {
        return PEERS.upstream.requests().stream()
                .filter(request -> request.body().contains("\"" + id + "\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the upstream never received " + id));
    }

    private static void assertNeverReceived(String id) {
        assertThat(PEERS.upstream.requests())
                .as("the upstream receives nothing of a refused request")
                .noneMatch(request -> request.body().contains("\"" + id + "\""));
    }
}
