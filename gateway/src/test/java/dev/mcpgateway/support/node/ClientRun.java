package dev.mcpgateway.support.node;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import tools.jackson.databind.JsonNode;

/**
 * The outcome of one {@code modern-client.mjs} scenario: its exit code and the JSON object it printed
 * for each step ({@code {"step":"connect","ok":true,...}}, {@code {"step":"call",...}}, ...).
 *
 * @param exitCode 0 when every step was ok
 * @param steps the steps in the order they were printed
 * @param log the client's stderr
 */
public record ClientRun(int exitCode, List<JsonNode> steps, Path log) {

    static ClientRun of(NodeRun run) {
        List<JsonNode> steps = run.stdout()
                .lines()
                .filter(line -> line.startsWith("{"))
                .map(NodeProject.JSON::readTree)
                .toList();
        return new ClientRun(run.exitCode(), steps, run.log());
    }

    /** Whether the scenario succeeded: exit code 0. */
    public boolean ok() {
        return exitCode == 0;
    }

    /** Every step with this name (e.g. each {@code notification}). */
    public List<JsonNode> steps(String name) {
        return steps.stream()
                .filter(step -> name.equals(step.path("step").asString()))
                .toList();
    }

    /** The first step with this name. */
    public JsonNode step(String name) {
        return steps(name).stream()
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no '" + name + "' step in " + this));
    }

    @Override
    public String toString() {
        return "ClientRun[exit " + exitCode + ", " + steps + ", stderr in " + log + "]";
    }
}
