package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import dev.mcpgateway.support.RawHttp;
import dev.mcpgateway.support.RawHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MCP defines no WebSocket transport and no tunnel: a request that asks to switch protocols (WebSocket, h2c,
 * anything in {@code Upgrade}) or to open a tunnel ({@code CONNECT}) never reaches an upstream, on either transport.
 * Each attempt is sent as raw bytes, as an attacker would, with a valid token, and must be refused without a
 * {@code 101} and without a single request arriving upstream. A WebSocket frame carrying a forbidden
 * {@code tools/call} sent after the attempt must not reach the upstream either.
 */
class ProtocolSwitchRefusalIT extends GatewayIntegrationTest {

    private static final String FORBIDDEN_CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\"}}";

    static Stream<Arguments> switches() {
        return Stream.of("/hostile/mcp", "/hostile/sse", "/hostile/sse/message?sessionId=x")
                .flatMap(path -> Stream.of(
                        Arguments.of(
                                path,
                                "websocket",
                                "GET " + path + " HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"),
                        Arguments.of(
                                path,
                                "websocket, lower-case and oddly spaced",
                                "GET " + path + " HTTP/1.1\r\nconnection:  keep-alive ,upgrade\r\n"
                                        + "upgrade: WebSocket\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\n"),
                        Arguments.of(
                                path,
                                "websocket on a POST",
                                "POST " + path + " HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                                        + "Content-Type: application/json\r\nContent-Length: " + FORBIDDEN_CALL.length()
                                        + "\r\n"),
                        Arguments.of(
                                path,
                                "h2c offered beside websocket",
                                "GET " + path + " HTTP/1.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                                        + "Upgrade: h2c, websocket\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n"),
                        Arguments.of(
                                path,
                                "an upgrade to anything",
                                "GET " + path + " HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: TLS/1.2, IRC/6.9\r\n"),
                        Arguments.of(
                                path,
                                "an upgrade without Connection",
                                "GET " + path + " HTTP/1.1\r\nUpgrade: websocket\r\n"),
                        Arguments.of(path, "CONNECT to the route", "CONNECT " + path + " HTTP/1.1\r\n")));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("switches")
    void protocolSwitchIsRefusedAndNothingReachesTheUpstream(String path, String attempt, String head) {
        PEERS.hostile.reset();
        String token = tokenFor(path.startsWith("/hostile/sse") ? "/hostile/sse" : "/hostile/mcp", "mcp:access");
        String body = head.startsWith("POST") ? FORBIDDEN_CALL : "";
        try (RawHttp http = RawHttp.connect(PEERS.gatewayPort, Duration.ofSeconds(10))) {
            http.send(head + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n" + body);
            Answer answer = http.readAnswer();
            assertThat(answer.status()).as(attempt).isIn(400, 405);
            http.send(webSocketTextFrame(FORBIDDEN_CALL));
        }
        assertThat(PEERS.hostile.requests())
                .as("upstream requests after %s", attempt)
                .isEmpty();
    }

    /**
     * An offer of h2c alone is declined the way RFC 9113 §3.1 allows, by answering in HTTP/1.1 (the JDK's HTTP client
     * offers it on every plain-HTTP request, so refusing it would lock those clients out): the request goes through
     * the whole pipeline, a forbidden call is refused as always, and no upgrade header reaches the upstream.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("routesOfEveryTransport")
    void h2cOfferIsDeclinedAndThePolicyStillApplies(String path) {
        PEERS.hostile.reset();
        String h2c =
                "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n";
        String reader = tokenFor(path.startsWith("/hostile/sse") ? "/hostile/sse" : "/hostile/mcp", "mcp:access");
        RawHttp.Answer forbidden = RawHttp.exchange(
                PEERS.gatewayPort,
                "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + h2c
                        + "Authorization: Bearer " + reader + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + FORBIDDEN_CALL.length() + "\r\n\r\n" + FORBIDDEN_CALL);
        assertThat(forbidden.status()).as(forbidden.head()).isIn(403, 404);
        assertThat(PEERS.hostile.received("whoami")).isFalse();
        RawHttp.Answer stream = RawHttp.exchange(
                PEERS.gatewayPort,
                "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + h2c + "Authorization: Bearer " + reader
                        + "\r\nConnection: close\r\n\r\n");
        assertThat(stream.status()).isNotEqualTo(101);
        assertThat(PEERS.hostile.requests()).allSatisfy(seen -> {
            assertThat(seen.headers().contains("Upgrade")).isFalse();
            assertThat(seen.headers().contains("HTTP2-Settings")).isFalse();
            assertThat(seen.headers().contains("Connection")).isFalse();
        });
    }

    static Stream<String> routesOfEveryTransport() {
        return Stream.of("/hostile/mcp", "/hostile/sse/message?sessionId=x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tunnels")
    void connectTunnelIsRefusedWhereverItPoints(String target) {
        PEERS.hostile.reset();
        try (RawHttp http = RawHttp.connect(PEERS.gatewayPort, Duration.ofSeconds(10))) {
            http.send("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\nAuthorization: Bearer "
                    + tokenFor("/hostile/mcp", "mcp:access") + "\r\n\r\n");
            Answer answer = http.readAnswer();
            assertThat(answer.status()).isNotEqualTo(200).isBetween(400, 499);
            http.send("POST /mcp HTTP/1.1\r\nHost: x\r\nContent-Length: " + FORBIDDEN_CALL.length() + "\r\n\r\n"
                    + FORBIDDEN_CALL);
        }
        assertThat(PEERS.hostile.requests()).isEmpty();
    }

    static Stream<String> tunnels() {
        String upstream = PEERS.hostile.url("").substring("http://".length());
        return Stream.of(upstream, "127.0.0.1:" + PEERS.gatewayPort, "http://" + upstream + "/mcp");
    }

    @Test
    void http2PriorKnowledgePrefaceNeverReachesTheUpstream() {
        PEERS.hostile.reset();
        try (RawHttp http = RawHttp.connect(PEERS.gatewayPort, Duration.ofSeconds(10))) {
            http.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
            assertThat(http.readAnswer().status()).isNotEqualTo(200);
        }
        assertThat(PEERS.hostile.requests()).isEmpty();
    }

    /** A masked client-to-server text frame (RFC 6455 §5.2). */
    private static byte[] webSocketTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[2 + 2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | 126);
        frame[2] = (byte) (payload.length >> 8);
        frame[3] = (byte) payload.length;
        System.arraycopy(mask, 0, frame, 4, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[8 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
