package dev.mcpgateway.config;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A route's {@code scopes.implies}: which broader scopes imply narrower ones (MCP 2026-07-28 authorization, "Scope
 * Challenge Handling": servers MUST account for scope hierarchies when deciding whether a token is sufficient).
 * Implication is transitive ({@code admin -> write} and {@code write -> read} make {@code admin} imply {@code read}),
 * closed once at load, so a request only looks scopes up. It widens what a token satisfies, never what a challenge
 * asks for: a challenge names the scopes the operation needs, not the broader ones that would also do.
 *
 * @param implied scope to every scope it implies, transitively; scopes implying nothing are absent
 */
public record ScopeHierarchy(Map<String, Set<String>> implied) {

    /** The scope that asks for a refresh token (OpenID Connect Core §11): never a resource requirement. */
    public static final String OFFLINE_ACCESS = "offline_access";

    /** No scope implies another. */
    public static final ScopeHierarchy NONE = new ScopeHierarchy(Map.of());

    public ScopeHierarchy {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        implied.forEach(
                (scope, narrower) -> copy.put(scope, Collections.unmodifiableSet(new LinkedHashSet<>(narrower))));
        implied = Collections.unmodifiableMap(copy);
    }

    /** The transitive closure of {@code direct} (scope to the scopes it names under {@code scopes.implies}). */
    public static ScopeHierarchy closureOf(Map<String, List<String>> direct) {
        if (direct.isEmpty()) {
            return NONE;
        }
        Map<String, Set<String>> closed = new LinkedHashMap<>();
        for (String scope : direct.keySet()) {
            Set<String> reached = new LinkedHashSet<>();
            Deque<String> pending = new ArrayDeque<>(direct.get(scope));
            while (!pending.isEmpty()) {
                String next = pending.pop();
                if (!next.equals(scope) && reached.add(next)) {
                    pending.addAll(direct.getOrDefault(next, List.of()));
                }
            }
            closed.put(scope, reached);
        }
        return new ScopeHierarchy(closed);
    }

    /** The granted scopes plus every scope they imply; {@code granted} itself when nothing is implied. */
    public Set<String> expand(Set<String> granted) {
        if (implied.isEmpty()) {
            return granted;
        }
        Set<String> all = null;
        for (String scope : granted) {
            Set<String> narrower = implied.get(scope);
            if (narrower != null) {
                all = all == null ? new LinkedHashSet<>(granted) : all;
                all.addAll(narrower);
            }
        }
        return all == null ? granted : all;
    }

    /** Whether {@code granted}, with what it implies, holds every scope of {@code required}. */
    public boolean covers(Set<String> granted, Collection<String> required) {
        return expand(granted).containsAll(required);
    }
}
