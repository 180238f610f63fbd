package dev.mcpgateway.support.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The results of one run of the MCP conformance CLI against a server ({@code conformance server --url
 * ... --requirements REVISION -o DIR}). The CLI writes one {@code DIR/server-<scenario>-<timestamp>/checks.json}
 * per scenario, an array of checks {@code {id, name, status, errorMessage, ...}} whose status is
 * {@code SUCCESS}, {@code FAILURE}, {@code WARNING}, {@code SKIPPED} or {@code INFO}; its stdout names the
 * scenarios the revision runs without scoring them (extensions, pending scenarios).
 *
 * @param requirements the revision, e.g. {@code 2026-07-28}
 * @param exitCode the CLI's exit code (non-zero when a scored scenario failed)
 * @param scenarios every scenario that ran, with its checks
 * @param notScored the scenarios that ran but do not count for the revision
 * @param outputDirectory where the CLI wrote its results
 */
public record ConformanceReport(
        String requirements,
        int exitCode,
        Map<String, List<Check>> scenarios,
        Set<String> notScored,
        Path outputDirectory) {

    /** One check of a scenario. */
    public record Check(String id, String status, String errorMessage) {}

    /** A scenario's outcome: FAIL if a check failed, PASS if one succeeded (warnings allowed), else SKIP. */
    public enum Verdict {
        PASS,
        FAIL,
        SKIP
    }

    private static final Pattern RESULT_DIRECTORY =
            Pattern.compile("server-(.+)-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z");
    private static final Pattern NOT_SCORED_LINE = Pattern.compile("^\\s+[✓✗]\\s+(\\S+)\\s+\\(([^)]+)\\)\\s*$");
    /** Most severe first: how repeated occurrences of one check id collapse, as the CLI does. */
    private static final List<String> SEVERITY = List.of("FAILURE", "WARNING", "SUCCESS", "SKIPPED", "INFO");

    static ConformanceReport read(String requirements, NodeRun run, Path outputDirectory) {
        Map<String, List<Check>> scenarios = new TreeMap<>();
        try (Stream<Path> directories = Files.list(outputDirectory)) {
            for (Path directory : directories.sorted().toList()) {
                Matcher name = RESULT_DIRECTORY.matcher(directory.getFileName().toString());
                Path checks = directory.resolve("checks.json");
                if (name.matches() && Files.isRegularFile(checks)) {
                    List<Check> parsed = new ArrayList<>();
                    for (JsonNode check : NodeProject.JSON.readTree(checks.toFile())) {
                        parsed.add(new Check(
                                check.path("id").asString(),
                                check.path("status").asString(),
                                check.path("errorMessage").asString(null)));
                    }
                    scenarios.put(name.group(1), List.copyOf(parsed));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the conformance results in " + outputDirectory, e);
        }
        return new ConformanceReport(requirements, run.exitCode(), scenarios, notScored(run.stdout()), outputDirectory);
    }

    private static Set<String> notScored(String stdout) {
        Set<String> names = new TreeSet<>();
        boolean inSection = false;
        for (String line : stdout.lines().toList()) {
            if (line.startsWith("Not scored")) {
                inSection = true;
            } else if (inSection) {
                Matcher entry = NOT_SCORED_LINE.matcher(line);
                if (entry.matches()) {
                    names.add(entry.group(1));
                } else if (!line.isBlank()) {
                    inSection = false;
                }
            }
        }
        return names;
    }

    /** The outcome of every scenario that ran, by name. */
    public Map<String, Verdict> verdicts() {
        Map<String, Verdict> verdicts = new TreeMap<>();
        scenarios.forEach((name, checks) -> verdicts.put(name, verdictOf(checks)));
        return verdicts;
    }

    /** The outcome of the scenarios that count for the revision. */
    public Map<String, Verdict> scoredVerdicts() {
        Map<String, Verdict> scored = verdicts();
        scored.keySet().removeAll(notScored);
        return scored;
    }

    /** Each check's status in one scenario; a repeated id keeps its most severe status. */
    public Map<String, String> checkStatuses(String scenario) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (Check check : scenarios.getOrDefault(scenario, List.of())) {
            statuses.merge(check.id(), check.status(), (a, b) -> severity(a) <= severity(b) ? a : b);
        }
        return statuses;
    }

    /** The failed checks of scored scenarios, as {@code scenario:check-id: message}. */
    public List<String> scoredFailures() {
        List<String> failures = new ArrayList<>();
        scenarios.forEach((name, checks) -> {
            if (!notScored.contains(name)) {
                checks.stream()
                        .filter(check -> "FAILURE".equals(check.status()))
                        .forEach(check -> failures.add(name + ":" + check.id() + ": " + check.errorMessage()));
            }
        });
        return failures;
    }

    /**
     * Where this run and {@code other} (e.g. through the gateway and direct) disagree: per scenario, the
     * checks whose status differs, as {@code check-id: this-status vs other-status}.
     */
    public Map<String, List<String>> differencesFrom(ConformanceReport other) {
        Map<String, List<String>> differences = new TreeMap<>();
        Set<String> names = new TreeSet<>(scenarios.keySet());
        names.addAll(other.scenarios.keySet());
        for (String name : names) {
            Map<String, String> mine = checkStatuses(name);
            Map<String, String> theirs = other.checkStatuses(name);
            Set<String> ids = new TreeSet<>(mine.keySet());
            ids.addAll(theirs.keySet());
            List<String> differing = ids.stream()
                    .filter(id -> !mine.getOrDefault(id, "absent").equals(theirs.getOrDefault(id, "absent")))
                    .map(id -> id + ": " + mine.getOrDefault(id, "absent") + " vs " + theirs.getOrDefault(id, "absent"))
                    .toList();
            if (!differing.isEmpty()) {
                differences.put(name, differing);
            }
        }
        return differences;
    }

    /** One line per scenario, {@code PASS name (n checks)}, for logs and reports. */
    public String summary() {
        StringBuilder text =
                new StringBuilder("conformance --requirements " + requirements + " (exit " + exitCode + ")\n");
        verdicts().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> text.append(entry.getValue())
                        .append(' ')
                        .append(entry.getKey())
                        .append(" (")
                        .append(scenarios.get(entry.getKey()).size())
                        .append(" checks")
                        .append(notScored.contains(entry.getKey()) ? ", not scored" : "")
                        .append(")\n"));
        return text.toString();
    }

    private static Verdict verdictOf(List<Check> checks) {
        if (checks.stream().anyMatch(check -> "FAILURE".equals(check.status()))) {
            return Verdict.FAIL;
        }
        return checks.stream().anyMatch(check -> "SUCCESS".equals(check.status()) || "WARNING".equals(check.status()))
                ? Verdict.PASS
                : Verdict.SKIP;
    }

    private static int severity(String status) {
        int index = SEVERITY.indexOf(status);
        return index < 0 ? SEVERITY.size() : index;
    }
}
