package dev.mcpgateway.mcp;

import dev.mcpgateway.web.Lookalikes;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON-RPC methods MCP defines (MCP 2025-11-25 and 2026-07-28 schemas), so that a method spelled to imitate one
 * ({@code Tools/Call}, {@code "tools/call "}, full-width letters) is refused rather than passed on unauthorized to
 * an upstream that might dispatch it loosely.
 */
public final class McpMethods {

    static final Set<String> ALL = Set.of(
            "initialize",
            "ping",
            "server/discover",
            "subscriptions/listen",
            "tools/list",
            "tools/call",
            "resources/list",
            "resources/read",
            "resources/templates/list",
            "resources/subscribe",
            "resources/unsubscribe",
            "prompts/list",
            "prompts/get",
            "logging/setLevel",
            "completion/complete",
            "sampling/createMessage",
            "elicitation/create",
            "roots/list",
            "tasks/get",
            "tasks/result",
            "tasks/list",
            "tasks/cancel",
            "notifications/initialized",
            "notifications/cancelled",
            "notifications/progress",
            "notifications/message",
            "notifications/roots/list_changed",
            "notifications/resources/list_changed",
            "notifications/resources/updated",
            "notifications/prompts/list_changed",
            "notifications/tools/list_changed",
            "notifications/elicitation/complete",
            "notifications/tasks/status");

    private McpMethods() {}

    /** Whether {@code method} is one MCP defines, spelled exactly: such a name is a bounded metric tag. */
    public static boolean isKnown(String method) {
        return ALL.contains(method);
    }

    /** The MCP method {@code method} imitates without being it, if any. */
    public static Optional<String> imitated(String method) {
        if (ALL.contains(method)) {
            return Optional.empty();
        }
        String key = Lookalikes.key(method);
        return ALL.stream().filter(exact -> Lookalikes.key(exact).equals(key)).findFirst();
    }
}
