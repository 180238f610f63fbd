package dev.mcpgateway.config;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:default}} in scalar values from the environment,
 * so that secrets and per-environment hosts never need to live in {@code routes.yaml}.
 *
 * <p>Not Spring's {@code PropertyPlaceholderHelper}: it resolves placeholders again inside every resolved value, so a
 * secret that happens to contain {@code ${…}} would be altered or refused. Environment values are used verbatim.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)(?::([^}]*))?}");

    private final UnaryOperator<String> environment;

    Placeholders(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /**
     * @return the value with every placeholder replaced
     * @throws IllegalArgumentException naming the variable when one is unset and has no default
     */
    String resolve(String value) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = environment.apply(name);
            if (replacement == null) {
                replacement = matcher.group(2);
            }
            if (replacement == null) {
                throw new IllegalArgumentException("environment variable " + name + " is not set and has no default");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
