package dev.mcpgateway.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code routes.yaml} that cannot be used. Carries every problem found, each naming its key path,
 * so an operator can fix the whole file in one pass.
 */
public final class ConfigException extends RuntimeException {

    private final transient List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super("Invalid configuration in " + source + ":"
                + problems.stream()
                        .map(problem -> System.lineSeparator() + "  - " + problem)
                        .collect(Collectors.joining()));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** One problem: the key path ({@code routes[1].timeouts.connect}) and what is wrong there. */
    public record ConfigProblem(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }
}
