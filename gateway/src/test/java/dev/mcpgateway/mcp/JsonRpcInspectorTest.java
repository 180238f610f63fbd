package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.mcp.InspectedMessage.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON-RPC 2.0 reading of POST bodies: what is recorded, and what is refused with which code. */
class JsonRpcInspectorTest {

    @Test
    void toolCallRecordsMethodIdAndToolName() {
        JsonRpcInspector.Inspection inspection = inspect(
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{}}}");
        assertThat(inspection.batch()).isFalse();
        assertThat(inspection.messages())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("arguments")
                .containsExactly(new InspectedMessage(Kind.REQUEST, 7L, "tools/call", "echo"));
        assertThat(inspection.messages().get(0).toolName()).isEqualTo("echo");
        assertThat(inspection.messages().get(0).arguments()).isNotNull();
        assertThat(inspection.messages().get(0).isModern()).isFalse();
    }

    @Test
    void aRequestStateIsNoticedUnderAnEscapedSpellingOfItsKey() {
        assertThat(inspect("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                                + "{\"name\":\"echo\",\"request\\u0053tate\":\"s\"}}")
                        .messages()
                        .get(0)
                        .carriesRequestState())
                .isTrue();
        assertThat(inspect("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                                + "{\"name\":\"echo\",\"arguments\":{\"requestState\":\"s\"}}}")
                        .messages()
                        .get(0)
                        .carriesRequestState())
                .isFalse();
    }

    @Test
    void theBodyClaimsTheEraInMetaAndAMalformedEnvelopeIsNeverReadAsNoClaim() {
        InspectedMessage modern = inspect(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
                                + "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}")
                .messages()
                .get(0);
        assertThat(modern.isModern()).isTrue();
        assertThat(modern.envelope().version()).isEqualTo("2026-07-28");
        InspectedMessage legacy = inspect(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
                                + "{\"progressToken\":1}}}")
                .messages()
                .get(0);
        assertThat(legacy.isModern()).isFalse();
        assertThat(legacy.envelope()).isEqualTo(InspectedMessage.Envelope.NONE);
        InspectedMessage unknownFuture = inspect(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
                                + "{\"io.modelcontextprotocol/protocolVersion\":\"v999.0.0\"}}}")
                .messages()
                .get(0);
        assertThat(unknownFuture.isModern())
                .as("sorts after 2026-07-28, as the SDKs compare: the upstream answers -32022")
                .isTrue();
        InspectedMessage malformed = inspect(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
                                + "{\"io.modelcontextprotocol/protocolVersion\":20260728}}}")
                .messages()
                .get(0);
        assertThat(malformed.envelope().malformed()).isTrue();
    }

    @Test
    void resourceUriAndPromptNameAreRecorded() {
        InspectedMessage read = inspect(
                        "{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///a\"}}")
                .messages()
                .get(0);
        assertThat(read.resourceUri()).isEqualTo("file:///a");
        assertThat(read.id()).isEqualTo("r1");
        InspectedMessage prompt = inspect(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"greet\"}}")
                .messages()
                .get(0);
        assertThat(prompt.promptName()).isEqualTo("greet");
        assertThat(prompt.toolName()).isNull();
    }

    @Test
    void notificationsAndResponsesAreRecognized() {
        assertThat(inspect("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                        .messages())
                .containsExactly(new InspectedMessage(Kind.NOTIFICATION, null, "notifications/initialized", null));
        assertThat(inspect("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}").messages())
                .containsExactly(new InspectedMessage(Kind.RESPONSE, 3L, null, null));
        assertThat(inspect("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-1,\"message\":\"x\"}}")
                        .messages())
                .containsExactly(new InspectedMessage(Kind.RESPONSE, null, null, null));
    }

    @Test
    void batchIsInspectedElementByElement() {
        JsonRpcInspector.Inspection inspection =
                inspect("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\"}},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"b\"}},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\"}]");
        assertThat(inspection.batch()).isTrue();
        assertThat(inspection.messages()).extracting(InspectedMessage::toolName).containsExactly("a", "b", null);
    }

    @Test
    void idsThatPeersCouldRoundOrCoerceAreRefused() {
        for (String id : List.of(
                "123456789012345678901234567890", "9007199254740992", "-9007199254740992", "7.0", "1e2", "1.5")) {
            assertThatThrownBy(() -> inspect("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}"))
                    .as(id)
                    .isInstanceOf(JsonRpcViolation.class)
                    .hasMessageContaining("string or an integer");
        }
        assertThat(inspect("{\"jsonrpc\":\"2.0\",\"id\":9007199254740991,\"method\":\"ping\"}")
                        .messages()
                        .get(0)
                        .id())
                .isEqualTo(9007199254740991L);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"|-32700",
                "''|-32700",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} {}|-32700",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"name\":\"drop_db\"}}|-32700",
                "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"method\":\"tools/call\"}|-32700",
                "{\"id\":1,\"method\":\"ping\"}|-32600",
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":\"x\"}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{}}|-32600",
                "[]|-32600",
                "[[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]]|-32600",
                "42|-32600",
                "\"tools/call\"|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{}}|-32602",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":5}}|-32602",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"Name\":\"drop_db\"}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"Method\":\"x\",\"params\":{\"name\":\"echo\"}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"METHOD\":\"tools/call\",\"params\":{\"name\":\"drop_db\"},\"result\":null}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"},\"param\u017f\":{\"name\":\"x\"}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"Params\":{\"name\":\"drop_db\"}}|-32600",
                "{\"JSONRPC\":\"2.0\",\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}|-32600",
                "{\"jsonrpc\":\"2.0\",\"ID\":1,\"method\":\"ping\"}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"_META\":{}}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"\u212Aey\":1,\"key\":2}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Tools/Call\",\"params\":{\"name\":\"drop_db\"}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call \",\"params\":{\"name\":\"drop_db\"}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\uff54ools/call\",\"params\":{\"name\":\"drop_db\"}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/\u200bcall\",\"params\":{\"name\":\"drop_db\"}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\\u0000\",\"params\":{\"name\":\"drop_db\"}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"my/method\\u0085\",\"params\":{\"name\":\"drop_db\"}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"drop_db\\u0000\"}}|-32602",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"drop_db\\ud800\"}}|-32602",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"drop_db\\u007f\"}}|-32602",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///drop_db\\u0000.txt\"}}|-32602",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"name\\u0000\":\"drop_db\"}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\\u0000\":\"tools/call\",\"method\":\"ping\",\"params\":{\"name\":\"drop_db\"}}|-32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\\ufe0f\",\"params\":{\"name\":\"drop_db\"}}|-32600"
            })
    void malformedBodiesAreRefusedWithTheirJsonRpcCode(String body, int code) {
        assertThatThrownBy(() -> JsonRpcInspector.inspect(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        JsonRpcViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(code))
                .hasMessageNotContaining("drop_db");
    }

    @Test
    void bodyThatIsNotStrictUtf8IsAParseError() {
        byte[] latin1 = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"x\":\"\u00e9\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_16);
        byte[] withBom = ("\uFEFF{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").getBytes(StandardCharsets.UTF_8);
        for (byte[] body : new byte[][] {latin1, utf16, withBom}) {
            assertThatThrownBy(() -> JsonRpcInspector.inspect(body))
                    .isInstanceOfSatisfying(
                            JsonRpcViolation.class,
                            violation -> assertThat(violation.code()).isEqualTo(-32700));
        }
    }

    @Test
    void headersThatMatchTheBodyOrAreAbsentPass() {
        JsonRpcInspector.Inspection call =
                inspect("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}");
        assertThat(McpHeaderRules.violation(null, null, call)).isEmpty();
        assertThat(McpHeaderRules.violation("tools/call", "echo", call)).isEmpty();
        assertThat(McpHeaderRules.violation("tools/call", null, call)).isEmpty();
        JsonRpcInspector.Inspection read = inspect(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///a\"}}");
        assertThat(McpHeaderRules.violation("resources/read", "file:///a", read))
                .isEmpty();
    }

    @Test
    void headersThatContradictTheBodyAreViolations() {
        JsonRpcInspector.Inspection call =
                inspect("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}");
        assertThat(McpHeaderRules.violation("tools/call", "whoami", call)).isPresent();
        assertThat(McpHeaderRules.violation("tools/list", null, call)).isPresent();
        assertThat(McpHeaderRules.violation(null, "Echo", call)).isPresent();
        JsonRpcInspector.Inspection ping = inspect("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        assertThat(McpHeaderRules.violation("ping", "anything", ping)).isPresent();
        JsonRpcInspector.Inspection batch = inspect("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");
        assertThat(McpHeaderRules.violation("ping", null, batch)).isPresent();
    }

    private static JsonRpcInspector.Inspection inspect(String body) {
        return JsonRpcInspector.inspect(body.getBytes(StandardCharsets.UTF_8));
    }
}
