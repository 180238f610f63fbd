package dev.mcpgateway.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.JsonNode;

/**
 * What MCP inspection (pipeline step 8, {@link McpInspectionFilter}) learned about the JSON-RPC body
 * of a POST, for every later step: tool authorization, per-tool rate limits, retry policy, response
 * shaping. Nothing is recorded for GET and DELETE, or before inspection ran: then every accessor
 * answers "nothing" ({@code Optional.empty()}, an empty list, {@code false}).
 */
public final class McpCallInfo {

    private static final String ATTRIBUTE = McpCallInfo.class.getName();

    private final List<InspectedMessage> messages;
    private final boolean batch;

    private McpCallInfo(List<InspectedMessage> messages, boolean batch) {
        this.messages = List.copyOf(messages);
        this.batch = batch;
    }

    static void record(ServerWebExchange exchange, List<InspectedMessage> messages, boolean batch) {
        exchange.getAttributes().put(ATTRIBUTE, new McpCallInfo(messages, batch));
    }

    private static Optional<McpCallInfo> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    /** Every message of the body, in order: one, or the elements of a batch. */
    public static List<InspectedMessage> messages(ServerWebExchange exchange) {
        return of(exchange).map(info -> info.messages).orElse(List.of());
    }

    /** Whether the body was a JSON-RPC batch (an array; MCP 2025-03-26 and earlier). */
    public static boolean isBatch(ServerWebExchange exchange) {
        return of(exchange).map(info -> info.batch).orElse(false);
    }

    /** The method of a single-message body; empty for batches. */
    public static Optional<String> method(ServerWebExchange exchange) {
        return single(exchange).map(InspectedMessage::method);
    }

    /** The tool of a single {@code tools/call} request; empty for anything else, batches included. */
    public static Optional<String> toolName(ServerWebExchange exchange) {
        return single(exchange).map(InspectedMessage::toolName);
    }

    /** More argument names than this are not listed: an audit entry stays bounded. */
    public static final int MAX_ARGUMENT_NAMES = 32;

    /**
     * The names of the body's tool-call arguments ({@code params.arguments}), in order, at most
     * {@value #MAX_ARGUMENT_NAMES}; never their values. Read only for routes that audit them.
     */
    public static List<String> argumentNames(ServerWebExchange exchange) {
        List<String> names = new ArrayList<>();
        for (InspectedMessage message : messages(exchange)) {
            JsonNode arguments = message.arguments();
            if (arguments == null || !arguments.isObject()) {
                continue;
            }
            for (String name : arguments.propertyNames()) {
                if (names.size() == MAX_ARGUMENT_NAMES) {
                    return names;
                }
                names.add(name);
            }
        }
        return names;
    }

    /** The tools called by the body, a batch possibly calling several. */
    public static List<String> toolNames(ServerWebExchange exchange) {
        return messages(exchange).stream()
                .map(InspectedMessage::toolName)
                .filter(Objects::nonNull)
                .toList();
    }

    /** Whether any message is a {@code tools/call}: such a request has side effects and must never be retried. */
    public static boolean isToolCall(ServerWebExchange exchange) {
        return messages(exchange).stream().anyMatch(InspectedMessage::isToolCall);
    }

    private static Optional<InspectedMessage> single(ServerWebExchange exchange) {
        return of(exchange)
                .filter(info -> !info.batch && info.messages.size() == 1)
                .map(info -> info.messages.get(0));
    }
}
