package dev.mcpgateway.authz;

import java.util.List;

/** The outcome of {@link ToolPolicy#decide}: allow, deny for missing scopes, or deny outright. */
public sealed interface ToolDecision {

    Allow ALLOW = new Allow();

    /** Every message may go to the upstream. */
    record Allow() implements ToolDecision {}

    /**
     * The token lacks scopes (RFC 6750 §3.1 {@code insufficient_scope}).
     *
     * @param requiredScopes every scope the whole request needs, baseline first, so one step-up suffices
     */
    record InsufficientScope(List<String> requiredScopes) implements ToolDecision {
        public InsufficientScope {
            requiredScopes = List.copyOf(requiredScopes);
        }
    }

    /**
     * A tool the route's tool map does not list, and no {@code *} entry, or a tool or method name imitating a
     * guarded one: no scope would help.
     *
     * @param tool the refused tool (or method)
     */
    record NotPermitted(String tool) implements ToolDecision {}
}
