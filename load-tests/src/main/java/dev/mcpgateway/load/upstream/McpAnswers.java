package dev.mcpgateway.load.upstream;

import java.nio.charset.StandardCharsets;

/**
 * The benchmark upstream's answers, built from string templates rather than a JSON library: the upstream must
 * never be the bottleneck, and every request it sees has already been validated by the proxy under test (or is
 * the benchmark's own, fixed body).
 */
final class McpAnswers {

    /** Events in a streamed answer: nine progress notifications, then the result. */
    static final int STREAM_EVENTS = 10;

    /** The MCP priming event (MCP 2025-11-25 transports, "Listening for Messages"): an id and empty data. */
    static final byte[] PRIMING_EVENT = "id: 0\ndata:\n\n".getBytes(StandardCharsets.UTF_8);

    static final byte[] KEEP_ALIVE_COMMENT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private McpAnswers() {}

    /** The JSON-RPC {@code id} token of {@code body} as it appears there (a number or a quoted string), or null. */
    static String id(String body) {
        int key = body.indexOf("\"id\"");
        if (key < 0) {
            return null;
        }
        int start = body.indexOf(':', key + 4) + 1;
        while (start < body.length() && Character.isWhitespace(body.charAt(start))) {
            start++;
        }
        int end = start;
        if (end < body.length() && body.charAt(end) == '"') {
            end = body.indexOf('"', end + 1) + 1;
        } else {
            while (end < body.length() && ",} \n\r\t".indexOf(body.charAt(end)) < 0) {
                end++;
            }
        }
        return end > start ? body.substring(start, end) : null;
    }

    static boolean isToolsList(String body) {
        return body.contains("\"tools/list\"");
    }

    static byte[] toolResult(String id) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id
                        + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"isError\":false}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] toolList(String id) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"tools\":[" + tool("echo", "Answers ok") + ","
                        + tool("stream10", "Answers with ten SSE events") + "]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Event {@code index} (0-based) of a streamed answer to request {@code id}: progress, the last one the result. */
    static byte[] streamEvent(String id, int index) {
        String data = index < STREAM_EVENTS - 1
                ? "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":" + id
                        + ",\"progress\":" + (index + 1) + ",\"total\":" + STREAM_EVENTS + "}}"
                : new String(toolResult(id), StandardCharsets.UTF_8);
        return ("id: " + (index + 1) + "\nevent: message\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String tool(String name, String description) {
        return "{\"name\":\"" + name + "\",\"description\":\"" + description
                + "\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}}";
    }
}
