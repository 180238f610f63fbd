package dev.mcpgateway.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable, order-preserving copies of {@code scopes.tools} and {@code scopes.methods}. */
final class ScopeMaps {

    private ScopeMaps() {}

    static Map<String, List<String>> copyOf(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((key, scopes) -> copy.put(key, List.copyOf(scopes)));
        return Collections.unmodifiableMap(copy);
    }
}
