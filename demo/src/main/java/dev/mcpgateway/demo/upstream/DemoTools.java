package dev.mcpgateway.demo.upstream;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The demo upstream's tools: {@code echo}, {@code add}, {@code countdown} (a slow tool that
 * streams progress notifications, MCP 2025-11-25 basic/utilities/progress) and {@code whoami}.
 */
final class DemoTools {

    static final int MAX_COUNTDOWN = 100;

    static final int MAX_DELAY_MILLIS = 10_000;

    private DemoTools() {}

    static List<SyncToolSpecification> all() {
        return List.of(
                tool(
                        "echo",
                        "Returns the message.",
                        Map.of("message", Map.of("type", "string")),
                        List.of("message"),
                        DemoTools::echo),
                tool(
                        "add",
                        "Adds two numbers.",
                        Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")),
                        List.of("a", "b"),
                        DemoTools::add),
                tool(
                        "countdown",
                        "Counts down from 'from' (default 5), one step every 'delayMillis' (default 300), "
                                + "reporting progress when the request carries a progressToken.",
                        Map.of(
                                "from",
                                Map.of("type", "integer", "minimum", 0, "maximum", MAX_COUNTDOWN),
                                "delayMillis",
                                Map.of("type", "integer", "minimum", 0, "maximum", MAX_DELAY_MILLIS)),
                        List.of(),
                        DemoTools::countdown),
                tool(
                        "whoami",
                        "Reports the identity headers this upstream received.",
                        Map.of(),
                        List.of(),
                        DemoTools::whoami));
    }

    private static CallToolResult echo(McpSyncServerExchange exchange, CallToolRequest request) {
        Object message = arguments(request).get("message");
        return (message instanceof String text) ? text(text) : error("'message' must be a string");
    }

    private static CallToolResult add(McpSyncServerExchange exchange, CallToolRequest request) {
        Object a = arguments(request).get("a");
        Object b = arguments(request).get("b");
        if (!(a instanceof Number) || !(b instanceof Number)) {
            return error("'a' and 'b' must be numbers");
        }
        BigDecimal sum = new BigDecimal(a.toString()).add(new BigDecimal(b.toString()));
        return text(sum.stripTrailingZeros().toPlainString());
    }

    private static CallToolResult countdown(McpSyncServerExchange exchange, CallToolRequest request) {
        int from = intArgument(request, "from", 5, MAX_COUNTDOWN);
        int delayMillis = intArgument(request, "delayMillis", 300, MAX_DELAY_MILLIS);
        Object progressToken = request.progressToken();
        for (int step = 1; step <= from; step++) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return error("countdown interrupted");
            }
            if (progressToken != null) {
                exchange.progressNotification(ProgressNotification.builder(progressToken, step)
                        .total((double) from)
                        .message("T-" + (from - step))
                        .build());
            }
        }
        return text("liftoff");
    }

    private static CallToolResult whoami(McpSyncServerExchange exchange, CallToolRequest request) {
        try {
            return text(McpJsonDefaults.getMapper()
                    .writeValueAsString(ReceivedHeaders.report(exchange.transportContext())));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static int intArgument(CallToolRequest request, String name, int defaultValue, int max) {
        Object value = arguments(request).get(name);
        int number = (value instanceof Number n) ? n.intValue() : defaultValue;
        return Math.max(0, Math.min(max, number));
    }

    private static Map<String, Object> arguments(CallToolRequest request) {
        return (request.arguments() != null) ? request.arguments() : Map.of();
    }

    private static CallToolResult text(String text) {
        return CallToolResult.builder().addTextContent(text).isError(false).build();
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static SyncToolSpecification tool(
            String name,
            String description,
            Map<String, Object> properties,
            List<String> required,
            BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler) {
        Map<String, Object> schema = required.isEmpty()
                ? Map.of("type", "object", "properties", properties)
                : Map.of("type", "object", "properties", properties, "required", required);
        return SyncToolSpecification.builder()
                .tool(Tool.builder(name, schema).description(description).build())
                .callHandler(handler)
                .build();
    }
}
