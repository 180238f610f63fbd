package dev.mcpgateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** tools/list results lose the tools the caller may not call; every other message keeps its bytes. */
class ToolListRewriterTest {

    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"echo\",\"inputSchema\":"
            + "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\",\"minimum\":0.1}}}},{\"name\":\"whoami\"}],\"nextCursor\":\"c\"}}";
    private final ToolListRewriter rewriter = new ToolListRewriter(id -> Long.valueOf(2).equals(id), Set.of("echo")::contains);

    @Test
    void jsonToolListKeepsOnlyVisibleToolsAndEverythingElse() {
        String out = utf8(rewriter.rewriteJson(bytes(LIST)));
        assertThat(out).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"echo\",\"inputSchema\":"
                + "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\",\"minimum\":0.1}}}}],\"nextCursor\":\"c\"}}");
    }

    @Test
    void responseToAnotherIdIsUntouched() {
        String other = LIST.replace("\"id\":2", "\"id\":3");
        assertThat(rewriter.rewriteJson(bytes(other))).isEqualTo(bytes(other));
        String stringId = LIST.replace("\"id\":2", "\"id\":\"2\"");
        assertThat(rewriter.rewriteJson(bytes(stringId))).isEqualTo(bytes(stringId));
    }

    @Test
    void batchResponseIsFilteredElementByElement() {
        String batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}," + LIST + "]";
        String out = utf8(rewriter.rewriteJson(bytes(batch)));
        assertThat(out).startsWith("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}},").doesNotContain("whoami").contains("\"echo\"");
    }

    @Test
    void errorsAndUnparsableBodiesAreUntouched() {
        String error = "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-1,\"message\":\"tools\"}}";
        assertThat(rewriter.rewriteJson(bytes(error))).isEqualTo(bytes(error));
        assertThat(rewriter.rewriteJson(bytes("not json"))).isEqualTo(bytes("not json"));
    }

    @Test
    void sseEventIsRewrittenKeepingItsIdLine() {
        byte[] event = bytes("id: 7\nevent: message\ndata: " + LIST + "\n\n");
        String out = utf8(rewriter.rewriteEvent(event));
        assertThat(out).startsWith("id: 7\nevent: message\ndata: {").endsWith("}\n\n").doesNotContain("whoami").contains("\"echo\"");
    }

    @Test
    void otherEventsKeepTheirExactBytes() {
        byte[] progress = bytes("data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}\r\n\r\n");
        assertThat(rewriter.rewriteEvent(progress)).isSameAs(progress);
        byte[] priming = bytes("id: 1\ndata:\n\n");
        assertThat(rewriter.rewriteEvent(priming)).isSameAs(priming);
        byte[] otherType = bytes("event: endpoint\ndata: " + LIST + "\n\n");
        assertThat(rewriter.rewriteEvent(otherType)).isSameAs(otherType);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
