package dev.mcpgateway.mrtr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The SHA-256 digest of a request's parameters in a canonical form (object members sorted by name, compact), leaving
 * out what differs between a request and its retry (MCP 2026-07-28 basic/patterns/mrtr: the retry repeats the
 * original request with {@code inputResponses} and {@code requestState} added): {@code inputResponses},
 * {@code requestState}, and {@code _meta}, which carries per-request fields such as a progress token. So a state
 * opens only on a retry naming the same tool, prompt or resource with the same arguments.
 */
final class ParamsDigest {

    static final String REQUEST_STATE = "requestState";
    static final String INPUT_RESPONSES = "inputResponses";
    private static final Set<String> LEFT_OUT = Set.of(REQUEST_STATE, INPUT_RESPONSES, "_meta");

    private ParamsDigest() {}

    static byte[] of(JsonNode params) {
        StringBuilder canonical = new StringBuilder();
        if (params.isObject()) {
            writeObject(params, canonical, true);
        } else {
            write(params, canonical);
        }
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            writeObject(node, out, false);
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out, boolean top) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (!(top && LEFT_OUT.contains(member.getKey()))) {
                names.add(member.getKey());
            }
        }
        names.sort(null);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quoted(names.get(i))).append(':');
            write(node.get(names.get(i)), out);
        }
        out.append('}');
    }

    private static String quoted(String name) {
        return tools.jackson.databind.node.StringNode.valueOf(name).toString();
    }
}
