package dev.mcpgateway.authz;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.mcp.InspectedMessage;
import dev.mcpgateway.web.Lookalikes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pipeline step 9 as data and a pure function (DESIGN.md §2): which scopes a JSON-RPC request
 * needs on a route, and whether a token's scopes cover them.
 *
 * <ul>
 *   <li>Every request needs the route's baseline {@code scopes.required}.</li>
 *   <li>A method listed in {@code scopes.methods} needs its scopes too (e.g. {@code resources/read}).</li>
 *   <li>When the route declares {@code scopes.tools}, a {@code tools/call} needs the scopes of its tool's
 *       entry, or of the {@code *} entry for any other tool; a tool matching no entry is never allowed, nor is a name
 *       that imitates an entry ({@code WHOAMI}, {@code "whoami "}, full-width or zero-width spellings where
 *       {@code whoami} is guarded), which a loosely matching upstream could run as the guarded tool; nor a method
 *       that imitates one listed in {@code scopes.methods}.</li>
 *   <li>A batch is decided as a whole: one forbidden element refuses all of it, and the scopes
 *       named are those of every element (MCP 2025-11-25 authorization, "Runtime Insufficient Scope
 *       Errors": the challenge names every scope the operation needs).</li>
 *   <li>Responses the client sends back (to sampling or elicitation requests) need only the baseline.</li>
 * </ul>
 *
 * @param baseline the route's {@code scopes.required}
 * @param tools    tool name (or {@code *}) to scopes; empty when the route declares no tool map
 * @param methods  JSON-RPC method to scopes
 */
public record ToolPolicy(List<String> baseline, Map<String, List<String>> tools, Map<String, List<String>> methods) {

    public static final String ANY_OTHER_TOOL = "*";

    public static ToolPolicy of(RouteConfig route) {
        return new ToolPolicy(route.requiredScopes(), route.toolScopes(), route.methodScopes());
    }

    /** Whether this policy asks more than the baseline that authentication already enforced. */
    public boolean restricts() {
        return !tools.isEmpty() || !methods.isEmpty();
    }

    public ToolDecision decide(Set<String> granted, List<InspectedMessage> messages) {
        Set<String> required = new LinkedHashSet<>(baseline);
        for (InspectedMessage message : messages) {
            if (message.kind() == InspectedMessage.Kind.RESPONSE) {
                continue;
            }
            String method = message.method();
            if (method != null && imitatesConfiguredMethod(method)) {
                return new ToolDecision.NotPermitted(method);
            }
            required.addAll(methods.getOrDefault(message.method(), List.of()));
            String tool = message.toolName();
            if (tool != null && !tools.isEmpty()) {
                Optional<List<String>> toolScopes = scopesOf(tool);
                if (toolScopes.isEmpty()) {
                    return new ToolDecision.NotPermitted(tool);
                }
                required.addAll(toolScopes.get());
            }
        }
        return granted.containsAll(required)
                ? ToolDecision.ALLOW
                : new ToolDecision.InsufficientScope(List.copyOf(required));
    }

    /**
     * The scopes a call of {@code tool} needs: those of its entry; for a name that imitates an entry without being
     * it ({@link Lookalikes}: case, surrounding spaces, invisible or full-width characters), none (the call is
     * refused: an upstream that matches names loosely would run the guarded tool under the {@code *} entry's
     * scopes); else those of {@code *}; empty when refused.
     */
    private Optional<List<String>> scopesOf(String tool) {
        List<String> exact = tools.get(tool);
        if (exact != null && !tool.equals(ANY_OTHER_TOOL)) {
            return Optional.of(exact);
        }
        for (String entry : tools.keySet()) {
            if (!entry.equals(ANY_OTHER_TOOL) && Lookalikes.imitates(tool, entry)) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(tools.get(ANY_OTHER_TOOL));
    }

    private boolean imitatesConfiguredMethod(String method) {
        return methods.keySet().stream().anyMatch(configured -> Lookalikes.imitates(method, configured));
    }

    /** Whether {@code tools/call} of {@code tool} would be allowed: what a filtered {@code tools/list} shows. */
    public boolean mayCall(Set<String> granted, String tool) {
        return decide(
                        granted,
                        List.of(new InspectedMessage(
                                InspectedMessage.Kind.REQUEST, 0L, InspectedMessage.TOOLS_CALL, tool)))
                instanceof ToolDecision.Allow;
    }
}
