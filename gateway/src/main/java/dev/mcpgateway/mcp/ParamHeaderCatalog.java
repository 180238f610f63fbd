package dev.mcpgateway.mcp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The {@code x-mcp-header} declarations of one route's tools (MCP 2026-07-28 Streamable HTTP, "Custom Headers from
 * Tool Parameters"), learned from the {@code tools/list} answers the gateway relays for the route. A declaration is
 * what makes an {@code Mcp-Param-*} header "recognized": the gateway validates those against the body and forwards
 * every other one untouched. Only declarations the specification allows are kept (a token name, case-insensitively
 * unique in the tool, on a primitive property reached through {@code properties} keys alone); a tool with an invalid
 * one keeps none, since clients exclude such a tool and the upstream is left to judge it. Thread-safe.
 */
public final class ParamHeaderCatalog {

    /** More tools than any real server lists: beyond it, new tools are not learned (memory stays bounded). */
    static final int MAX_TOOLS = 4096;

    private static final int MAX_DEPTH = 16;
    private static final Set<String> PRIMITIVES = Set.of("string", "integer", "number", "boolean");

    private final Map<String, List<Declared>> tools = new ConcurrentHashMap<>();

    /**
     * One declaration.
     *
     * @param header the declared name, without the {@code Mcp-Param-} prefix
     * @param path   the chain of {@code properties} keys from the schema root to the property
     * @param type   the property's JSON Schema type: {@code string}, {@code integer}, {@code number} or {@code boolean}
     */
    public record Declared(String header, List<String> path, String type) {
        public Declared {
            path = List.copyOf(path);
        }
    }

    /** The declarations of {@code tool}; empty when it declares none or was never listed. */
    public List<Declared> of(String tool) {
        return tools.getOrDefault(tool, List.of());
    }

    /** Learns from one JSON-RPC message of a {@code tools/list} answer; anything else is ignored. */
    void learn(JsonNode message) {
        JsonNode list = message.path("result").path("tools");
        if (!list.isArray()) {
            return;
        }
        for (JsonNode tool : list) {
            JsonNode name = tool.get("name");
            if (name == null || !name.isString()) {
                continue;
            }
            List<Declared> declared = declarations(tool.path("inputSchema"));
            if (tools.containsKey(name.stringValue()) || tools.size() < MAX_TOOLS) {
                tools.put(name.stringValue(), declared);
            }
        }
    }

    private static List<Declared> declarations(JsonNode schema) {
        List<Declared> found = new ArrayList<>();
        if (!walk(schema, new ArrayList<>(), found, 0)) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        for (Declared declared : found) {
            if (!names.add(declared.header().toLowerCase(Locale.ROOT))) {
                return List.of();
            }
        }
        return List.copyOf(found);
    }

    /** Collects the declarations under {@code schema}; {@code false} when one of them is invalid. */
    private static boolean walk(JsonNode schema, List<String> path, List<Declared> found, int depth) {
        JsonNode properties = schema.path("properties");
        if (!properties.isObject() || depth > MAX_DEPTH) {
            return true;
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            JsonNode child = property.getValue();
            List<String> childPath = new ArrayList<>(path);
            childPath.add(property.getKey());
            JsonNode header = child.get("x-mcp-header");
            if (header != null) {
                String type = child.path("type").stringValue(null);
                if (!header.isString()
                        || !isToken(header.stringValue())
                        || type == null
                        || !PRIMITIVES.contains(type)) {
                    return false;
                }
                found.add(new Declared(header.stringValue(), childPath, type));
            }
            if (!walk(child, childPath, found, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 §5.1 {@code token}: {@code 1*tchar}. */
    static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = c < 128 && Character.isLetterOrDigit(c);
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
