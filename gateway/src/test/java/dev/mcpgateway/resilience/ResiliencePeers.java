package dev.mcpgateway.resilience;

import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.RecordedRequest;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.ScriptedUpstream.Answer;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The peers of the resilience integration tests, started once per JVM: an authorization server of their own, one
 * {@link ScriptedUpstream} whose paths play the faults and timings (see {@link #answer}), a port nobody listens on,
 * and a routes file with one route per scenario.
 */
final class ResiliencePeers {

    /** The idle gaps of {@link #GAPPY_STREAM}. */
    static final Duration GAP = Duration.ofMillis(1600);
    /** {@code GET /gappy}: four events, with a gap of {@link #GAP} before the second and the fourth. */
    static final String[] GAPPY_STREAM = {
        "id: 0\nevent: message\ndata: {\"n\":0}\n\n",
        "id: 1\nevent: message\ndata: {\"n\":1}\n\n",
        "id: 2\ndata: {\"n\":2}\n\n",
        "id: 3\ndata: {\"n\":3}\n\n"
    };
    /** The answer of every successful {@code tools/call} here. */
    static final String CALL_RESULT = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[]}}";

    /** The method of an MCP 2026-07-28 listen request, whose answer is a stream. */
    static final String LISTEN = "\"subscriptions/listen\"";
    /** The first frame of a listen stream (MCP 2026-07-28 "Subscriptions"). */
    static final String LISTEN_ACK = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":"
            + "\"notifications/subscriptions/acknowledged\",\"params\":{\"notifications\":{}}}\n\n";

    private static ResiliencePeers shared;

    final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();
    final ScriptedUpstream upstream = ScriptedUpstream.start("resilience", ResiliencePeers::answer);
    final int gatewayPort = TestPeers.freePort();
    final int closedPort = TestPeers.freePort();
    final Path routesFile = GatewayUnderTest.writeRoutes("resilience-it", routesYaml());

    private ResiliencePeers() {}

    static synchronized ResiliencePeers shared() {
        if (shared == null) {
            shared = new ResiliencePeers();
        }
        return shared;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** A token for the route at {@code path}, valid for ten minutes. */
    String token(String path) {
        return authorizationServer.token(baseUrl() + path, "mcp:access");
    }

    /**
     * The upstream's paths, each with the timing or fault a test needs:
     * <ul>
     *   <li>{@code POST /calls}: {@link #CALL_RESULT} at once, or, when the body contains {@code "hold"}, only after
     *       {@link ScriptedUpstream#releaseHeld()};</li>
     *   <li>{@code POST /calls} of {@code subscriptions/listen}: {@link #LISTEN_ACK}, then open until the client
     *       leaves;</li>
     *   <li>{@code GET /calls}: an SSE stream that sends one event and then stays open until the client leaves;</li>
     *   <li>{@code GET /gappy}: {@link #GAPPY_STREAM} with its idle gaps, then ends;</li>
     *   <li>{@code /endless} (GET, or a listen POST): an event every 200 ms until the client leaves;</li>
     *   <li>{@code /slow-headers}: an SSE answer whose headers come only after 3 s;</li>
     *   <li>{@code POST /slow}: {@link #CALL_RESULT} after 3 s;</li>
     *   <li>{@code POST /reset}: the connection is reset; {@code POST /malformed}: a {@code 200} head, then bytes
     *       that are no chunked body, then the connection closes.</li>
     * </ul>
     * {@code /circuit} is the circuit-breaker test's to script.
     */
    static Answer answer(RecordedRequest request) {
        boolean post = request.method().equals("POST");
        return switch (request.path()) {
            case "/calls" ->
                post && request.body().contains(LISTEN)
                        ? Answer.sse(LISTEN_ACK).thenStayOpen()
                        : post
                                ? hold(request, Answer.json(CALL_RESULT).withContentLength())
                                : Answer.sse("id: open\ndata: {}\n\n").thenStayOpen();
            case "/gappy" ->
                Answer.sse(GAPPY_STREAM[0])
                        .then(GAP, GAPPY_STREAM[1])
                        .then(Duration.ZERO, GAPPY_STREAM[2])
                        .then(GAP, GAPPY_STREAM[3]);
            case "/endless" ->
                Answer.sseForever(Duration.ofMillis(200), n -> "id: " + n + "\ndata: {\"n\":" + n + "}\n\n");
            case "/slow-headers" ->
                Answer.sse("data: late\n\n").withContentLength().after(Duration.ofSeconds(3));
            case "/slow" -> Answer.json(CALL_RESULT).withContentLength().after(Duration.ofSeconds(3));
            case "/reset" -> Answer.resetConnection();
            case "/malformed" ->
                Answer.rawResponse(
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nlskdu018973t09sylgasjkfg1][]'./.sdlv");
            default -> null;
        };
    }

    private static Answer hold(RecordedRequest request, Answer answer) {
        return request.body().contains("\"hold\"") ? answer.heldUntilReleased() : answer;
    }

    private String routesYaml() {
        return """
                gateway:
                  public-base-url: %s
                  authorization-servers:
                    test: { issuer: %s, jwks-uri: %s }
                routes:
                  - id: circuit
                    path: /circuit/mcp
                    upstream: %s
                    authorization-servers: [test]
                    resilience:
                      circuit-breaker: { failure-rate-threshold: 100, minimum-calls: 3, sliding-window: 3, wait-in-open: 1s, half-open-calls: 1 }
                  - id: bulkhead
                    path: /bulkhead/mcp
                    upstream: %s
                    authorization-servers: [test]
                    resilience:
                      bulkhead: { max-concurrent-calls: 2, max-streams: 1 }
                  - id: refused
                    path: /refused/mcp
                    upstream: http://127.0.0.1:%d/mcp
                    authorization-servers: [test]
                    timeouts: { connect: 500ms }
                  - id: reset
                    path: /reset/mcp
                    upstream: %s
                    authorization-servers: [test]
                  - id: malformed
                    path: /malformed/mcp
                    upstream: %s
                    authorization-servers: [test]
                  - id: slow-headers
                    path: /slow-headers/mcp
                    upstream: %s
                    authorization-servers: [test]
                    timeouts: { first-byte: 500ms }
                  - id: slow-stream
                    path: /slow-stream/mcp
                    upstream: %s
                    authorization-servers: [test]
                    timeouts: { first-byte: 500ms }
                  - id: long-stream
                    path: /long-stream/mcp
                    upstream: %s
                    authorization-servers: [test]
                    timeouts: { connect: 500ms, first-byte: 1s }
                    streams: { keep-alive: 400ms }
                  - id: listen
                    path: /listen/mcp
                    upstream: %s
                    authorization-servers: [test]
                    timeouts: { connect: 500ms, first-byte: 500ms }
                    streams: { keep-alive: 300ms }
                  - id: expiring
                    path: /expiring/mcp
                    upstream: %s
                    authorization-servers: [test]
                  - id: not-expiring
                    path: /not-expiring/mcp
                    upstream: %s
                    authorization-servers: [test]
                    streams: { close-on-token-expiry: false }
                """.formatted(
                        baseUrl(),
                        authorizationServer.issuer(),
                        authorizationServer.jwksUri(),
                        upstream.url("/circuit"),
                        upstream.url("/calls"),
                        closedPort,
                        upstream.url("/reset"),
                        upstream.url("/malformed"),
                        upstream.url("/slow"),
                        upstream.url("/slow-headers"),
                        upstream.url("/gappy"),
                        upstream.url("/calls"),
                        upstream.url("/endless"),
                        upstream.url("/endless"));
    }
}
