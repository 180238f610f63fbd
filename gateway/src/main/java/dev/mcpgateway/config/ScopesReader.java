package dev.mcpgateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a route's {@code scopes}: the baseline {@code required}, the per-name maps {@code tools}, {@code methods},
 * {@code resources} (URI patterns) and {@code prompts}, and the hierarchy {@code implies}. Every scope a request may
 * need is refused when it is {@code offline_access} ({@link ConfigValues#requiredScope}).
 */
final class ScopesReader {

    static final Set<String> KEYS = Set.of("required", "tools", "methods", "resources", "prompts", "implies");
    static final String WILDCARD = "*";

    /** What a route's {@code scopes} says. */
    record Scopes(
            List<String> required,
            Map<String, List<String>> tools,
            Map<String, List<String>> methods,
            Map<String, List<String>> resources,
            Map<String, List<String>> prompts,
            ScopeHierarchy hierarchy) {}

    private ScopesReader() {}

    static Scopes read(ConfigNode scopes) {
        scopes.isMapping();
        scopes.allowOnly(KEYS);
        List<String> required = scopeList(scopes.get("required"), true);
        return new Scopes(
                required,
                scopeMap(scopes.get("tools"), "tool (or \"*\" for any other tool)", true),
                scopeMap(scopes.get("methods"), "method", false),
                scopeMap(scopes.get("resources"), "resource URI pattern (or \"*\" for any other resource)", true),
                scopeMap(scopes.get("prompts"), "prompt (or \"*\" for any other prompt)", true),
                implies(scopes.get("implies")));
    }

    private static List<String> scopeList(ConfigNode node, boolean requirement) {
        return node.items().stream()
                .map(item -> item.as(requirement ? ConfigValues::requiredScope : ConfigValues::scope))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * A map of names to the scopes they need. An empty list means the baseline scopes suffice.
     *
     * @param what      what a key names, for the message of an empty map
     * @param wildcards whether keys may contain {@code *}
     */
    private static Map<String, List<String>> scopeMap(ConfigNode node, String what, boolean wildcards) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (!node.isPresent()) {
            return map;
        }
        node.entries().forEach((name, scopes) -> {
            if (name.isBlank()) {
                scopes.problem("must not be empty");
            } else if (!wildcards && name.contains(WILDCARD)) {
                scopes.problem(
                        "wildcards are supported only in scopes.tools, scopes.resources and scopes.prompts; name each method");
            } else if (scopes.isPresent()) {
                map.put(name, scopeList(scopes, true));
            } else {
                scopes.problem("must be a list of scopes ([] when the baseline scopes suffice)");
            }
        });
        if (map.isEmpty() && node.isMapping()) {
            node.problem("must name at least one " + what);
        }
        return map;
    }

    /** {@code scopes.implies}: broader scope to the narrower scopes it implies, closed transitively. */
    private static ScopeHierarchy implies(ConfigNode node) {
        Map<String, List<String>> direct = new LinkedHashMap<>();
        if (!node.isPresent()) {
            return ScopeHierarchy.NONE;
        }
        node.entries().forEach((scope, narrower) -> {
            Optional<String> broader = Optional.of(scope).flatMap(text -> {
                try {
                    return Optional.of(ConfigValues.scope(text));
                } catch (IllegalArgumentException e) {
                    narrower.problem(e);
                    return Optional.empty();
                }
            });
            List<String> implied = scopeList(narrower, false);
            if (narrower.isList() && implied.isEmpty()) {
                narrower.problem("must list the scopes '" + scope + "' implies");
            }
            broader.ifPresent(name -> direct.put(name, implied));
        });
        if (direct.isEmpty() && node.isMapping()) {
            node.problem("must name at least one scope and the scopes it implies");
        }
        return ScopeHierarchy.closureOf(direct);
    }
}
