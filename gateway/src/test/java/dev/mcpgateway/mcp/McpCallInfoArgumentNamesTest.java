package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** Argument names for the audit trail: the names of a tool call's arguments, bounded, never their values. */
class McpCallInfoArgumentNamesTest {

    @Test
    void toolCallArgumentNamesAreListedInOrderWithoutValues() {
        MockServerWebExchange exchange = inspected("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"query\":\"secret value\",\"limit\":3}}}");

        assertThat(McpCallInfo.argumentNames(exchange)).containsExactly("query", "limit");
    }

    @Test
    void atMostThirtyTwoNamesAreListed() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            many.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":").append(i);
        }
        MockServerWebExchange exchange = inspected("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{" + many + "}}}");

        assertThat(McpCallInfo.argumentNames(exchange))
                .hasSize(McpCallInfo.MAX_ARGUMENT_NAMES)
                .startsWith("a0", "a1");
    }

    @Test
    void otherMethodsHaveNoArgumentNames() {
        MockServerWebExchange exchange = inspected("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");

        assertThat(McpCallInfo.argumentNames(exchange)).isEmpty();
    }

    private static MockServerWebExchange inspected(String body) {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.post("/mcp").build());
        JsonRpcInspector.Inspection inspection = JsonRpcInspector.inspect(body.getBytes(StandardCharsets.UTF_8));
        McpCallInfo.record(exchange, inspection.messages(), inspection.batch());
        return exchange;
    }
}
