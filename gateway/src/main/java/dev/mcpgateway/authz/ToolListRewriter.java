package dev.mcpgateway.authz;

import dev.mcpgateway.mcp.JsonRpcIds;
import dev.mcpgateway.mcp.SseEvent;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes from {@code tools/list} results (MCP 2025-11-25 server/tools, "Listing Tools") the tools a
 * caller may not call. Only a response whose id is one of the request's {@code tools/list} ids and
 * whose {@code result.tools} is a list is rewritten; every other message keeps its exact bytes.
 * A pure function of its inputs.
 */
final class ToolListRewriter {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final Predicate<Object> isToolListResponseId;
    private final Predicate<String> visible;

    /**
     * @param isToolListResponseId whether a response id answers a {@code tools/list} request
     * @param visible              whether the caller may call a tool
     */
    ToolListRewriter(Predicate<Object> isToolListResponseId, Predicate<String> visible) {
        this.isToolListResponseId = isToolListResponseId;
        this.visible = visible;
    }

    /** A JSON body: one message, or a batch of responses. */
    byte[] rewriteJson(byte[] body) {
        JsonNode root = parse(body);
        if (root == null) {
            return body;
        }
        boolean changed = false;
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                JsonNode filtered = filter(root.get(i));
                if (filtered != root.get(i)) {
                    ((ArrayNode) root).set(i, filtered);
                    changed = true;
                }
            }
        } else {
            JsonNode filtered = filter(root);
            changed = filtered != root;
            root = filtered;
        }
        return changed ? JSON.writeValueAsBytes(root) : body;
    }

    /** One server-sent event; an event that carries no {@code tools/list} result is returned as it was. */
    byte[] rewriteEvent(byte[] event) {
        SseEvent parsed = SseEvent.parse(event);
        if (!"message".equals(parsed.type()) || parsed.data() == null || !parsed.data().contains("\"tools\"")) {
            return event;
        }
        JsonNode message = parse(parsed.data().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (message == null) {
            return event;
        }
        JsonNode filtered = filter(message);
        return filtered == message ? event : parsed.withData(JSON.writeValueAsString(filtered));
    }

    /** The message with invisible tools removed, or the same instance when it is not a tools/list result. */
    private JsonNode filter(JsonNode message) {
        JsonNode tools = message.path("result").path("tools");
        if (!message.isObject() || !tools.isArray() || !isToolListResponseId.test(JsonRpcIds.toJava(message.get("id")))) {
            return message;
        }
        ArrayNode kept = JSON.createArrayNode();
        tools.forEach(tool -> {
            JsonNode name = tool.get("name");
            if (name != null && name.isString() && visible.test(name.stringValue())) {
                kept.add(tool);
            }
        });
        ObjectNode copy = (ObjectNode) message.deepCopy();
        ((ObjectNode) copy.get("result")).set("tools", kept);
        return copy;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            return null;
        }
    }
}
