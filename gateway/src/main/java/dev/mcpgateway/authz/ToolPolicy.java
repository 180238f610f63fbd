package dev.mcpgateway.authz;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.config.ScopeHierarchy;
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
 *       that imitates one listed in {@code scopes.methods}. {@code scopes.prompts} does the same for
 *       {@code prompts/get}, and {@code scopes.resources} for {@code resources/read} by URI pattern
 *       ({@link ResourcePatterns}).</li>
 *   <li>A batch is decided as a whole: one forbidden element refuses all of it, and the scopes
 *       named are those of every element (MCP 2026-07-28 authorization, "Scope Challenge Handling": all scopes
 *       the operation needs in one challenge, never one missing scope after another).</li>
 *   <li>A token's scopes count with everything they imply ({@code scopes.implies}, {@link ScopeHierarchy}); the
 *       scopes named in a challenge are the operation's own, never the broader ones.</li>
 *   <li>Responses the client sends back (to sampling or elicitation requests) need only the baseline.</li>
 * </ul>
 *
 * @param baseline  the route's {@code scopes.required}
 * @param tools     tool name (or {@code *}) to scopes; empty when the route declares no tool map
 * @param methods   JSON-RPC method to scopes
 * @param prompts   prompt name (or {@code *}) to scopes; empty when the route declares no prompt map
 * @param resources URI pattern to scopes; empty when the route declares no resource map
 * @param hierarchy which scopes imply which
 */
public record ToolPolicy(
        List<String> baseline,
        Map<String, List<String>> tools,
        Map<String, List<String>> methods,
        Map<String, List<String>> prompts,
        Map<String, List<String>> resources,
        ScopeHierarchy hierarchy) {

    public static final String ANY_OTHER_TOOL = "*";

    /** A policy of tools and methods only, without prompt or resource maps or a hierarchy. */
    public ToolPolicy(List<String> baseline, Map<String, List<String>> tools, Map<String, List<String>> methods) {
        this(baseline, tools, methods, Map.of(), Map.of(), ScopeHierarchy.NONE);
    }

    public static ToolPolicy of(RouteConfig route) {
        return new ToolPolicy(
                route.requiredScopes(),
                route.toolScopes(),
                route.methodScopes(),
                route.promptScopes(),
                route.resourceScopes(),
                route.scopeHierarchy());
    }

    /** Whether this policy asks more than the baseline that authentication already enforced. */
    public boolean restricts() {
        return !tools.isEmpty() || !methods.isEmpty() || !prompts.isEmpty() || !resources.isEmpty();
    }

    /** Whether the route's policy asks more than its baseline ({@link #restricts}), without building the policy. */
    public static boolean restricts(RouteConfig route) {
        return !route.toolScopes().isEmpty()
                || !route.methodScopes().isEmpty()
                || !route.promptScopes().isEmpty()
                || !route.resourceScopes().isEmpty();
    }

    /** Whether the route's lists are filtered per caller: it has a tool, prompt or resource map. */
    public static boolean shapesLists(RouteConfig route) {
        return !route.toolScopes().isEmpty()
                || !route.promptScopes().isEmpty()
                || !route.resourceScopes().isEmpty();
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
            Optional<ToolDecision> refused = addNameScopes(message, required);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return hierarchy.covers(granted, required)
                ? ToolDecision.ALLOW
                : new ToolDecision.InsufficientScope(List.copyOf(required));
    }

    /** Adds the scopes of the tool, prompt or resource the message names; a refusal when no entry admits it. */
    private Optional<ToolDecision> addNameScopes(InspectedMessage message, Set<String> required) {
        String tool = message.toolName();
        String prompt = message.promptName();
        String uri = message.resourceUri();
        Optional<List<String>> scopes;
        String refusedName;
        if (tool != null && !tools.isEmpty()) {
            scopes = scopesOf(tools, tool);
            refusedName = tool;
        } else if (prompt != null && !prompts.isEmpty()) {
            scopes = scopesOf(prompts, prompt);
            refusedName = prompt;
        } else if (InspectedMessage.RESOURCES_READ.equals(message.method()) && !resources.isEmpty()) {
            scopes = uri == null ? Optional.empty() : ResourcePatterns.scopesOf(resources, uri);
            refusedName = uri == null ? InspectedMessage.RESOURCES_READ : uri;
        } else {
            return Optional.empty();
        }
        if (scopes.isEmpty()) {
            return Optional.of(new ToolDecision.NotPermitted(refusedName));
        }
        required.addAll(scopes.get());
        return Optional.empty();
    }

    /**
     * The scopes a call of {@code name} needs: those of its entry; for a name that imitates an entry without being
     * it ({@link Lookalikes}: case, surrounding spaces, invisible or full-width characters), none (the call is
     * refused: an upstream that matches names loosely would run the guarded tool under the {@code *} entry's
     * scopes); else those of {@code *}; empty when refused.
     */
    private static Optional<List<String>> scopesOf(Map<String, List<String>> entries, String name) {
        List<String> exact = entries.get(name);
        if (exact != null && !name.equals(ANY_OTHER_TOOL)) {
            return Optional.of(exact);
        }
        for (String entry : entries.keySet()) {
            if (!entry.equals(ANY_OTHER_TOOL) && Lookalikes.imitates(name, entry)) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(entries.get(ANY_OTHER_TOOL));
    }

    private boolean imitatesConfiguredMethod(String method) {
        return methods.keySet().stream().anyMatch(configured -> Lookalikes.imitates(method, configured));
    }

    /** Whether {@code tools/call} of {@code tool} would be allowed: what a filtered {@code tools/list} shows. */
    public boolean mayCall(Set<String> granted, String tool) {
        return allows(granted, InspectedMessage.TOOLS_CALL, tool);
    }

    /** Whether {@code prompts/get} of {@code prompt} would be allowed: what a filtered {@code prompts/list} shows. */
    public boolean mayGet(Set<String> granted, String prompt) {
        return allows(granted, InspectedMessage.PROMPTS_GET, prompt);
    }

    /**
     * Whether {@code resources/read} of {@code uri} would be allowed: what a filtered {@code resources/list} shows;
     * a {@code resources/templates/list} entry is shown when its {@code uriTemplate}, read as a URI, would be.
     */
    public boolean mayRead(Set<String> granted, String uri) {
        return allows(granted, InspectedMessage.RESOURCES_READ, uri);
    }

    private boolean allows(Set<String> granted, String method, String name) {
        return decide(granted, List.of(new InspectedMessage(InspectedMessage.Kind.REQUEST, 0L, method, name)))
                instanceof ToolDecision.Allow;
    }
}
