package dev.mcpgateway.config;

import dev.mcpgateway.config.ConfigException.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A position in the parsed YAML tree that knows its key path, so every problem found while
 * reading it can be reported as {@code routes[2].timeouts.connect: …}. Problems are collected,
 * not thrown, so one load reports all of them.
 */
final class ConfigNode {

    private final String path;
    private final @Nullable Object value;
    private final List<ConfigProblem> problems;
    private final Placeholders placeholders;

    ConfigNode(String path, @Nullable Object value, List<ConfigProblem> problems, Placeholders placeholders) {
        this.path = path;
        this.value = value;
        this.problems = problems;
        this.placeholders = placeholders;
    }

    String path() {
        return path;
    }

    boolean isPresent() {
        return value != null;
    }

    void problem(String message) {
        problems.add(new ConfigProblem(path.isEmpty() ? "(root)" : path, message));
    }

    /** Records what a parser's {@link IllegalArgumentException} found wrong here. */
    void problem(IllegalArgumentException e) {
        problem(String.valueOf(e.getMessage()));
    }

    ConfigNode get(String key) {
        Object child = value instanceof Map<?, ?> map ? map.get(key) : null;
        return new ConfigNode(path.isEmpty() ? key : path + "." + key, child, problems, placeholders);
    }

    /** Reports every key of this mapping that is not in {@code allowed}: typos must not be silently ignored. */
    void allowOnly(Set<String> allowed) {
        if (value instanceof Map<?, ?> map) {
            map.keySet().stream()
                    .map(String::valueOf)
                    .filter(key -> !allowed.contains(key))
                    .forEach(key ->
                            get(key).problem("unknown key (allowed here: " + String.join(", ", sorted(allowed)) + ")"));
        }
    }

    /** Whether a single value (not a mapping or list) is present here; records no problem. */
    boolean isScalar() {
        return value != null && !(value instanceof Map<?, ?>) && !(value instanceof List<?>);
    }

    /** Whether a sequence is present here; records no problem. */
    boolean isList() {
        return value instanceof List<?>;
    }

    boolean isMapping() {
        if (value != null && !(value instanceof Map<?, ?>)) {
            problem("must be a mapping of keys to values");
            return false;
        }
        return value != null;
    }

    /** The entries of a mapping, keyed by their YAML key, in file order; empty (with a problem) when not a mapping. */
    Map<String, ConfigNode> entries() {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        if (isMapping() && value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> entries.put(String.valueOf(key), get(String.valueOf(key))));
        }
        return entries;
    }

    /** The items of a sequence; a single scalar is not silently promoted to a list. */
    List<ConfigNode> items() {
        List<ConfigNode> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (!(value instanceof List<?> list)) {
            problem("must be a list");
            return items;
        }
        for (int i = 0; i < list.size(); i++) {
            items.add(new ConfigNode(path + "[" + i + "]", list.get(i), problems, placeholders));
        }
        return items;
    }

    /** The scalar text with {@code ${ENV}} placeholders resolved; empty when absent or invalid (a problem is recorded). */
    Optional<String> text() {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            problem("must be a single value, not a " + (value instanceof Map<?, ?> ? "mapping" : "list"));
            return Optional.empty();
        }
        try {
            return Optional.of(placeholders.resolve(String.valueOf(value)));
        } catch (IllegalArgumentException e) {
            problem(e);
            return Optional.empty();
        }
    }

    Optional<String> requiredText() {
        if (value == null) {
            problem("is required");
            return Optional.empty();
        }
        Optional<String> text = text();
        if (text.isPresent() && text.get().isBlank()) {
            problem("must not be empty");
            return Optional.empty();
        }
        return text;
    }

    /** {@link #requiredText()}, then {@link #as(Function)}: a required value, converted. */
    <T> Optional<T> required(Function<String, T> parser) {
        return requiredText().flatMap(text -> as(parser));
    }

    /** Converts the text with {@code parser}; a thrown {@link IllegalArgumentException} becomes a problem at this path. */
    <T> Optional<T> as(Function<String, T> parser) {
        return text().flatMap(text -> {
            try {
                return Optional.of(parser.apply(text));
            } catch (IllegalArgumentException e) {
                problem(e);
                return Optional.empty();
            }
        });
    }

    List<String> texts() {
        return items().stream()
                .map(ConfigNode::requiredText)
                .flatMap(Optional::stream)
                .toList();
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
