package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import dev.mcpgateway.support.RawHttp;
import dev.mcpgateway.support.RawHttp.Answer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every answer, proxied or the gateway's own, carries the browser hardening headers (no MIME sniffing, no framing,
 * the legacy XSS filter off, no referrer) and, on plain HTTP, no {@code Strict-Transport-Security}.
 */
class SecurityResponseHeadersIT extends GatewayIntegrationTest {

    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("proxied", "POST", "/test/mcp", "valid", 200),
                Arguments.of("no token", "POST", "/test/mcp", null, 401),
                Arguments.of("bad token", "POST", "/test/mcp", "not.a.jwt", 401),
                Arguments.of("missing baseline scope", "POST", "/test/mcp", "no-scope", 403),
                Arguments.of("discovery", "GET", "/.well-known/oauth-protected-resource/test/mcp", null, 200),
                Arguments.of("unknown path", "GET", "/nowhere", null, 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void everyAnswerCarriesTheHardeningHeaders(String what, String method, String path, String token, int status) {
        String credential = switch (token == null ? "" : token) {
            case "" -> "";
            case "valid" -> "Authorization: Bearer " + validToken() + "\r\n";
            case "no-scope" -> "Authorization: Bearer " + tokenFor("/test/mcp", "other:scope") + "\r\n";
            default -> "Authorization: Bearer " + token + "\r\n";
        };
        String body = method.equals("POST") ? CALL : "";
        Answer answer = RawHttp.exchange(
                PEERS.gatewayPort,
                method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + credential
                        + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer.status()).as(answer.head()).isEqualTo(status);
        assertThat(answer.header("X-Content-Type-Options")).as(answer.head()).isEqualTo("nosniff");
        assertThat(answer.header("X-Frame-Options")).as(answer.head()).isEqualTo("DENY");
        assertThat(answer.header("X-XSS-Protection")).as(answer.head()).isEqualTo("0");
        assertThat(answer.header("Referrer-Policy")).as(answer.head()).isEqualTo("no-referrer");
        assertThat(answer.header("Strict-Transport-Security")).as(answer.head()).isNull();
    }
}
