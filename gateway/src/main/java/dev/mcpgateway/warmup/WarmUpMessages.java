package dev.mcpgateway.warmup;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The fixed JSON-RPC texts of the warm-up (MCP 2025-11-25 messages): what the traffic sends and what the peer
 * answers. Texts rather than a JSON library, because both ends are this package and the gateway in between inspects
 * every message anyway.
 */
final class WarmUpMessages {

    private WarmUpMessages() {}

    static byte[] toolCall(long id, String tool) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                        + "\",\"arguments\":{\"text\":\"warm-up\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] toolsList(long id) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] notification() {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":1,\"progress\":1}}"
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code id} of a request this package sent (always a number), or null for a notification. */
    static @Nullable String idOf(String body) {
        int key = body.indexOf("\"id\":");
        if (key < 0) {
            return null;
        }
        int start = key + 5;
        int end = start;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return end > start ? body.substring(start, end) : null;
    }

    static byte[] toolResult(String id) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id
                        + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"isError\":false}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] toolList(String id) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"tools\":[" + tool("echo") + ","
                        + tool(WarmUpPeer.STREAMED_TOOL) + "," + tool("unlisted") + "]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Event {@code index} of {@code count} answering request {@code id}: progress, the last one the result. */
    static byte[] streamEvent(String id, int index, int count) {
        String data = index < count - 1
                ? "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":" + id
                        + ",\"progress\":" + (index + 1) + ",\"total\":" + count + "}}"
                : new String(toolResult(id), StandardCharsets.UTF_8);
        return ("id: " + (index + 1) + "\nevent: message\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String tool(String name) {
        return "{\"name\":\"" + name + "\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"text\":{\"type\":"
                + "\"string\"}}}}";
    }
}
