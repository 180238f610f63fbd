package dev.mcpgateway.support;

import dev.mcpgateway.support.ScriptedUpstream.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Peers shared by every integration test class in the JVM: started once, so the Spring context that
 * points at them is cached and reused across classes. The gateway's port is chosen up front because
 * the public base URL (and so every resource URI) must be known before the gateway starts.
 */
public final class TestPeers {

    /** How many events {@code GET /mcp} of {@link #upstream} streams. */
    public static final int STREAM_EVENTS = 5;
    /** The pause before each of those events, at least 300 ms, so tests can prove nothing buffers them. */
    public static final long STREAM_GAP_MILLIS = 320;
    /** How long {@code POST /slow} of {@link #upstream} holds back its response headers. */
    public static final Duration SLOW_HEADERS = Duration.ofSeconds(3);
    /** The {@code Last-Event-ID} that makes {@code GET /mcp} replay a missed {@code tools/list} answer. */
    public static final String REPLAY_TOOL_LIST = "ev-1";
    /** A request header that makes {@link #upstream} gzip its {@code tools/list} answer, unasked. */
    public static final String GZIP_ANSWER = "X-Test-Gzip-Answer";

    /** What a modern (MCP 2026-07-28) request carries in {@code params._meta}. */
    public static final String MODERN_META = "io.modelcontextprotocol/protocolVersion";
    /**
     * The {@code tools/list} result for a modern request: {@code locate} mirrors {@code region} (string),
     * {@code count} (integer), {@code ratio} (number) and {@code where.zone} (nested) into {@code Mcp-Param-*}
     * headers; {@code echo} declares none.
     */
    public static final String MODERN_TOOLS = "{\"resultType\":\"complete\",\"ttlMs\":0,\"cacheScope\":\"public\","
            + "\"tools\":[{\"name\":\"locate\",\"inputSchema\":{\"type\":\"object\",\"properties\":{"
            + "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},"
            + "\"count\":{\"type\":\"integer\",\"x-mcp-header\":\"Count\"},"
            + "\"ratio\":{\"type\":\"number\",\"x-mcp-header\":\"Ratio\"},"
            + "\"where\":{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\",\"x-mcp-header\":\"Zone\"}}},"
            + "\"note\":{\"type\":\"string\"}}}},"
            + "{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\"}}]}";

    private static TestPeers shared;

    public final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();
    public final TestAuthorizationServer otherAuthorizationServer = TestAuthorizationServer.start();
    /** The main routes' upstream, well-behaved and recording: see {@link #startUpstream()}. */
    public final ScriptedUpstream upstream = startUpstream();
    /** Answers whatever a test scripts (hostile, or merely odd), for the fail-closed response-shaping tests. */
    public final ScriptedUpstream hostile = ScriptedUpstream.start("hostile");

    public final int gatewayPort = freePort();
    /** An authorization server nobody listens for: its keys can never be fetched. */
    public final String unreachableIssuer = "http://127.0.0.1:" + freePort() + "/down";

    public final Path routesFile = GatewayUnderTest.writeRoutes("gateway-it", routesYaml());

    private TestPeers() {}

    public static synchronized TestPeers shared() {
        if (shared == null) {
            shared = new TestPeers();
        }
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** The resource URI of the main test route, the audience its tokens must carry. */
    public String resource() {
        return baseUrl() + "/test/mcp";
    }

    /** The resource URI of the route at {@code path}. */
    public String resource(String path) {
        return baseUrl() + path;
    }

    private String routesYaml() {
        return """
                gateway:
                  public-base-url: %s
                  allowed-origins: [https://app.example.com]
                  # Every test here sends from loopback; the per-address limit has its own tests.
                  unauthenticated-rate-limit: off
                  authorization-servers:
                    test:
                      issuer: %s
                      jwks-uri: %s
                    other:
                      issuer: %s
                      jwks-uri: %s
                    down:
                      issuer: %s
                      jwks-uri: %s/jwks
                routes:
                  - id: test
                    name: Test MCP server
                    path: /test/mcp
                    upstream: %s
                    authorization-servers: [test]
                    audiences: [urn:test:extra-audience]
                    scopes:
                      required: [mcp:access]
                    timeouts: { connect: 1s, first-byte: 1s }
                    upstream-headers:
                      X-Upstream-Key: ${TEST_UPSTREAM_KEY:static-upstream-key}
                  - id: other
                    path: /other/mcp
                    upstream: %s
                    authorization-servers: [other]
                  - id: slow
                    path: /slow/mcp
                    upstream: %s
                    authorization-servers: [test]
                    timeouts: { first-byte: 500ms }
                  - id: tools
                    path: /tools/mcp
                    upstream: %s
                    authorization-servers: [test]
                    scopes:
                      required: [mcp:access]
                      tools: { whoami: [mcp:admin], "*": [] }
                  - id: down
                    path: /down/mcp
                    upstream: %s
                    authorization-servers: [down]
                  - id: hostile
                    path: /hostile/mcp
                    upstream: %s
                    authorization-servers: [test]
                    scopes:
                      required: [mcp:access]
                      tools: { whoami: [mcp:admin], "*": [] }
                  - id: hostile-legacy
                    path: /hostile/sse
                    upstream: %s
                    transport: sse
                    authorization-servers: [test]
                    scopes:
                      required: [mcp:access]
                      tools: { whoami: [mcp:admin], "*": [] }
                  - id: plain
                    path: /plain/mcp
                    upstream: %s
                    authorization-servers: [test]
                  - id: modern
                    path: /modern/mcp
                    upstream: %s
                    protocol-eras: modern-only
                    authorization-servers: [test]
                    scopes:
                      required: [mcp:access]
                  - id: limited
                    path: /limited/mcp
                    upstream: %s
                    authorization-servers: [test]
                    tenant-claim: org
                    rate-limit:
                      default: { capacity: 5, refill: 5/1h }
                      tools: { add: { capacity: 2, refill: 2/1h } }
                """.formatted(
                        baseUrl(),
                        authorizationServer.issuer(),
                        authorizationServer.jwksUri(),
                        otherAuthorizationServer.issuer(),
                        otherAuthorizationServer.jwksUri(),
                        unreachableIssuer,
                        unreachableIssuer,
                        upstream.mcpUrl(),
                        upstream.mcpUrl(),
                        upstream.url("/slow"),
                        upstream.mcpUrl(),
                        upstream.mcpUrl(),
                        hostile.url("/mcp"),
                        hostile.url("/sse"),
                        hostile.url("/mcp"),
                        upstream.mcpUrl(),
                        upstream.mcpUrl());
    }

    /**
     * A well-behaved upstream that records what reaches it, as the main routes' {@link #upstream} and the upstreams
     * of gateways started apart: on top of the default MCP answers, {@code GET /mcp} streams {@value #STREAM_EVENTS}
     * events, each {@value #STREAM_GAP_MILLIS} ms after the previous one (or replays a {@code tools/list} answer
     * after {@value #REPLAY_TOOL_LIST}), {@code POST /slow} holds its answer back for {@link #SLOW_HEADERS}, and
     * {@link #GZIP_ANSWER} gets a gzipped {@code tools/list} answer.
     */
    public static ScriptedUpstream startUpstream() {
        return ScriptedUpstream.start("upstream", TestPeers::upstreamExtras);
    }

    private static Answer upstreamExtras(RecordedRequest request) {
        if (request.method().equals("GET") && request.path().equals("/mcp")) {
            if (REPLAY_TOOL_LIST.equals(request.header("Last-Event-ID"))) {
                // A resumed stream replays a missed tools/list response (MCP transports, "Resumability").
                return Answer.sse("id: ev-2\nevent: message\ndata: " + ScriptedUpstream.toolList("1") + "\n\n")
                        .withContentLength();
            }
            Answer stream = Answer.sse();
            for (int i = 0; i < STREAM_EVENTS; i++) {
                stream = stream.then(
                        Duration.ofMillis(STREAM_GAP_MILLIS),
                        "id: " + i + "\nevent: message\ndata: {\"n\":" + i + "}\n\n");
            }
            return stream;
        }
        if (request.method().equals("POST") && request.path().equals("/slow")) {
            return Answer.json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}")
                    .withContentLength()
                    .after(SLOW_HEADERS);
        }
        if (request.isPost("tools/list") && request.body().contains(MODERN_META)) {
            return Answer.json(ScriptedUpstream.result(request.rawId(), MODERN_TOOLS))
                    .withContentLength();
        }
        if (request.isPost("tools/list") && request.header(GZIP_ANSWER) != null) {
            return Answer.raw(
                            200,
                            List.of(
                                    Map.entry("Content-Type", "application/json"),
                                    Map.entry("Content-Encoding", "gzip")),
                            gzip(ScriptedUpstream.toolList(request.rawId())))
                    .withContentLength();
        }
        return null;
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
