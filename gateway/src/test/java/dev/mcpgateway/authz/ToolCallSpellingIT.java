package dev.mcpgateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

/**
 * A forbidden {@code tools/call} cannot be smuggled past tool authorization by spelling it so that the gateway and
 * a loosely matching upstream read it differently: JSON-RPC members in another case or Unicode spelling (Go's
 * decoder folds case, so {@code "METHOD"} and {@code "paramſ"} fill {@code method} and {@code params}), a method
 * imitating {@code tools/call}, or a tool name imitating a guarded tool ({@code whoami} needs {@code mcp:admin};
 * the reader has only {@code mcp:access}, and {@code "*"} allows other tools). Nothing reaches the upstream.
 */
class ToolCallSpellingIT extends GatewayIntegrationTest {

    private static final String PATH = "/hostile/mcp";

    @BeforeEach
    void resetUpstream() {
        PEERS.hostile.reset();
    }

    static Stream<Arguments> smuggledCalls() {
        return Stream.of(
                refused(
                        "METHOD in upper case, posing as a response",
                        400,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"METHOD\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}},\"result\":null}"),
                refused(
                        "params spelled with a long s beside the real params",
                        400,
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"},"
                                + "\"param\u017f\":{\"name\":\"whoami\"}}"),
                refused(
                        "Params alone",
                        400,
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"Params\":{\"name\":\"whoami\"}}"),
                refused(
                        "NAME beside name",
                        400,
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"NAME\":\"whoami\"}}"),
                refused(
                        "method in another case",
                        400,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Tools/Call\",\"params\":{\"name\":\"whoami\"}}"),
                refused(
                        "method with a trailing space",
                        400,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call \",\"params\":{\"name\":\"whoami\"}}"),
                refused(
                        "method in full-width letters",
                        400,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\uff54\uff4f\uff4f\uff4c\uff53/call\",\"params\":{\"name\":\"whoami\"}}"),
                refused("tool name in upper case", 403, call("WHOAMI")),
                refused("tool name with a zero-width space", 403, call("whoami\u200b")),
                refused("tool name in full-width letters", 403, call("\uff57\uff48\uff4f\uff41\uff4d\uff49")),
                refused("tool name with a dotless i", 403, call("whoam\u0131")),
                refused("tool name with a trailing space", 403, call("whoami ")),
                refused("tool name with a leading tab", 400, call("\twhoami")),
                // No name carries a control character or a lone surrogate: a C-string upstream stops reading at NUL,
                // Go's and Python's trimming removes a next-line, a sanitizer drops the rest.
                refused("tool name ending in NUL", 400, call("whoami\\u0000")),
                refused("tool name cut by NUL", 400, call("whoami\\u0000-extra")),
                refused("tool name with a trailing next-line", 400, call("whoami\\u0085")),
                refused("tool name with a trailing DEL", 400, call("whoami\\u007f")),
                refused("tool name with a bell", 400, call("who\\u0007ami")),
                refused("tool name with a lone surrogate", 400, call("whoami\\ud800")),
                refused(
                        "method ending in NUL",
                        400,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\\u0000\",\"params\":{\"name\":\"whoami\"}}"),
                refused(
                        "name ending in NUL beside name",
                        400,
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"name\\u0000\":\"whoami\"}}"),
                // Invisible characters beyond the format category (Unicode's default-ignorable code points).
                refused("tool name with a variation selector", 403, call("whoami\\ufe0f")),
                refused("tool name with a combining grapheme joiner", 403, call("whoami\\u034f")),
                refused("tool name with a Hangul filler", 403, call("whoami\\u3164")),
                refused("tool name with a Mongolian free variation selector", 403, call("whoami\\u180b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smuggledCalls")
    void smuggledToolCallIsRefusedAndNeverReachesTheUpstream(String attack, int status, String body) {
        client().post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(tokenFor(PATH, "mcp:access")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status);
        assertThat(PEERS.hostile.requests()).as(attack).isEmpty();
    }

    private static Arguments refused(String attack, int status, String body) {
        return Arguments.of(attack, status, body);
    }

    private static String call(String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool.replace("\t", "\\t") + "\",\"arguments\":{}}}";
    }
}
