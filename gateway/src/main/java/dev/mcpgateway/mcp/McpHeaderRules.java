package dev.mcpgateway.mcp;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * MCP 2026-07-28 Streamable HTTP (SEP-2243): clients mirror the JSON-RPC method and the call's
 * target into {@code Mcp-Method} and {@code Mcp-Name} so intermediaries can route without reading
 * the body. An intermediary that does read the body must refuse a request whose headers say
 * something else, or the headers would become a way to mislead other hops about what is called.
 * Headers are optional for older clients: only present headers are checked.
 */
public final class McpHeaderRules {

    private McpHeaderRules() {}

    /** @return why the headers contradict the body, if they do */
    public static Optional<String> violation(
            @Nullable String mcpMethod, @Nullable String mcpName, JsonRpcInspector.Inspection body) {
        if (mcpMethod == null && mcpName == null) {
            return Optional.empty();
        }
        if (body.batch()) {
            return Optional.of("Mcp-Method and Mcp-Name cannot describe a batch");
        }
        InspectedMessage message = body.messages().get(0);
        if (mcpMethod != null && !mcpMethod.equals(message.method())) {
            return Optional.of("The Mcp-Method header does not match the method in the body");
        }
        if (mcpName != null && !mcpName.equals(message.name())) {
            return Optional.of("The Mcp-Name header does not match the name or URI in the body");
        }
        return Optional.empty();
    }
}
