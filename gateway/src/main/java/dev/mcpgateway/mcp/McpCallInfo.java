package dev.mcpgateway.mcp;

import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the MCP inspection step learned about the call a request makes, for the steps after it
 * (per-tool rate limits, tool authorization). The contract is one exchange attribute:
 *
 * <ul>
 *   <li>{@link #TOOL_NAME_ATTRIBUTE} holds the {@code params.name} of a {@code tools/call} request
 *       (MCP 2025-11-25 server/tools, "Calling Tools") as a {@link String}. It is set only by the
 *       inspection step, only for a POST whose body is a single JSON-RPC {@code tools/call} request
 *       with a string {@code params.name}, and before any {@code GlobalFilter} of the gateway runs
 *       that reads it. It is absent for every other request (GET streams, notifications, other
 *       methods, batches, bodies that could not be read).</li>
 * </ul>
 *
 * The JSON-RPC request id lives beside it, in {@link JsonRpcExchange}.
 */
public interface McpCallInfo {

    String TOOL_NAME_ATTRIBUTE = McpCallInfo.class.getName() + ".toolName";

    /** The tool a {@code tools/call} request calls, when the inspection step read one. */
    static Optional<String> toolName(ServerWebExchange exchange) {
        Object name = exchange.getAttribute(TOOL_NAME_ATTRIBUTE);
        return name instanceof String text ? Optional.of(text) : Optional.empty();
    }

    /** Records the tool of a {@code tools/call} request; for the inspection step only. */
    static void setToolName(ServerWebExchange exchange, String name) {
        if (name != null) {
            exchange.getAttributes().put(TOOL_NAME_ATTRIBUTE, name);
        }
    }
}
