package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import dev.mcpgateway.support.RawHttp;
import dev.mcpgateway.support.RawHttp.Answer;
import dev.mcpgateway.support.RecordedRequest;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * RFC 9112 §6.1 and §6.3: a request whose body length cannot be determined reliably is answered {@code 400} and
 * its connection closed, so that no two parsers on the path can disagree about where the next request starts.
 * The gateway decodes no transfer coding but {@code chunked}; anything else in {@code Transfer-Encoding}, a
 * {@code Transfer-Encoding} beside a {@code Content-Length}, or two of either, is refused before authentication
 * and never forwarded. Tunnelling methods are refused on every path.
 */
class HttpFramingIT extends GatewayIntegrationTest {

    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";

    static Stream<Arguments> ambiguousFraming() {
        int length = CALL.length();
        String chunked = Integer.toHexString(length) + "\r\n" + CALL + "\r\n0\r\n\r\n";
        return Stream.of(
                Arguments.of(
                        "gzip with Content-Length",
                        "Transfer-Encoding: gzip\r\nContent-Length: " + length + "\r\n",
                        CALL),
                Arguments.of("chunked is not the final coding", "Transfer-Encoding: chunked, gzip\r\n", chunked),
                Arguments.of("a coding the gateway does not decode", "Transfer-Encoding: gzip, chunked\r\n", chunked),
                Arguments.of(
                        "two Transfer-Encoding fields",
                        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
                        chunked),
                Arguments.of("identity", "Transfer-Encoding: identity\r\nContent-Length: " + length + "\r\n", CALL),
                Arguments.of(
                        "an unknown coding", "Transfer-Encoding: xchunked\r\nContent-Length: " + length + "\r\n", CALL),
                Arguments.of(
                        "chunked beside Content-Length",
                        "Transfer-Encoding: chunked\r\nContent-Length: " + length + "\r\n",
                        chunked),
                Arguments.of(
                        "two different Content-Length fields",
                        "Content-Length: " + length + "\r\nContent-Length: 3\r\n",
                        CALL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguousFraming")
    void ambiguousBodyLengthIsRefusedAndTheConnectionClosed(String attack, String framing, String body) {
        int before = PEERS.upstream.count();
        try (RawHttp http = RawHttp.connect(PEERS.gatewayPort, Duration.ofSeconds(10))) {
            http.send("POST /test/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + validToken()
                    + "\r\nContent-Type: application/json\r\n" + framing + "\r\n" + body);
            Answer answer = http.readAnswer();
            assertThat(answer.status()).as(attack).isIn(400, 501);
            assertThat(http.closedByServer())
                    .as("the connection is closed after the refusal")
                    .isTrue();
        }
        assertThat(PEERS.upstream.count()).as("nothing reached the upstream").isEqualTo(before);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void undecodableChunkedBodyIsRefusedWithoutAnErrorInTheLog(CapturedOutput log) {
        int before = PEERS.upstream.count();
        for (String chunks : java.util.List.of(
                "FFFFFFFFFFFFFFFFFFFF\r\nx\r\n0\r\n\r\n", "5\nhello\n0\n\n", "zz\r\nx\r\n0\r\n\r\n")) {
            try (RawHttp http = RawHttp.connect(PEERS.gatewayPort, Duration.ofSeconds(10))) {
                http.send("POST /test/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + validToken()
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);
                Answer answer = http.readAnswer();
                assertThat(answer.none() || answer.status() == 400).as(chunks).isTrue();
                assertThat(http.closedByServer()).isTrue();
            }
        }
        assertThat(PEERS.upstream.count()).isEqualTo(before);
        assertThat(log.getOut() + log.getErr())
                .as("a hostile request is no reason for an error in the log")
                .doesNotContain(" ERROR ");
    }

    @Test
    void twoOriginFieldsAreRefusedLikeADisallowedOrigin() {
        int before = PEERS.upstream.count();
        Answer answer = RawHttp.exchange(
                PEERS.gatewayPort,
                "POST /test/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                        + validToken() + "\r\nOrigin: https://app.example.com\r\nOrigin: https://evil.example\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + CALL.length()
                        + "\r\nConnection: close\r\n\r\n" + CALL);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    static Stream<String> tunnellingMethods() {
        return Stream.of(
                "CONNECT /test/mcp", "CONNECT /.well-known/oauth-protected-resource", "TRACE /test/mcp", "TRACE /");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tunnellingMethods")
    void tunnellingMethodsAreRefusedOnEveryPath(String requestLine) {
        int before = PEERS.upstream.count();
        Answer answer = RawHttp.exchange(
                PEERS.gatewayPort,
                requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + validToken()
                        + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isIn(400, 405);
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    static Stream<Arguments> clientFramings() {
        String chunked = Integer.toHexString(CALL.length()) + "\r\n" + CALL + "\r\n0\r\n\r\n";
        String split = "10\r\n" + CALL.substring(0, 16) + "\r\n" + Integer.toHexString(CALL.length() - 16) + "\r\n"
                + CALL.substring(16) + "\r\n0\r\n\r\n";
        return Stream.of(
                Arguments.of("Content-Length", "Content-Length: " + CALL.length() + "\r\n", CALL),
                Arguments.of("chunked, one chunk", "Transfer-Encoding: chunked\r\n", chunked),
                Arguments.of("chunked, two chunks", "Transfer-Encoding: chunked\r\n", split));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientFramings")
    void upstreamGetsTheBodyWithItsExactLengthAndOneFramingWhateverTheClientUsed(
            String framing, String fields, String body) {
        int before = PEERS.upstream.count();
        Answer answer = RawHttp.exchange(
                PEERS.gatewayPort,
                "POST /test/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + validToken()
                        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                        + fields + "Connection: close\r\n\r\n" + body);
        assertThat(answer.status()).as(framing).isEqualTo(200);
        assertThat(PEERS.upstream.count()).isEqualTo(before + 1);
        RecordedRequest received = PEERS.upstream.last();
        assertThat(received.body()).isEqualTo(CALL);
        assertThat(received.headers().getAll("Content-Length")).containsExactly(String.valueOf(CALL.length()));
        assertThat(received.headers().contains("Transfer-Encoding")).isFalse();
    }
}
