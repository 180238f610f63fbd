package dev.mcpgateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way BuildKit reads it, as far as these tests need: comments and parser directives dropped,
 * backslash continuations joined, instructions grouped into stages by {@code FROM}, and {@code ARG} defaults
 * declared before the first {@code FROM} substituted into {@code FROM} lines. No Docker engine is needed.
 */
record Dockerfile(Map<String, String> globalArgs, List<Stage> stages) {

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** One instruction: its keyword in upper case and the rest of its (joined) line. */
    record Instruction(String keyword, String arguments) {}

    /** A build stage: its base image (arguments resolved), its name, and its instructions. */
    record Stage(String image, String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream()
                    .filter(instruction -> instruction.keyword().equals(keyword))
                    .toList();
        }

        /** The default of an {@code ARG} declared in this stage. */
        String argDefault(String name) {
            for (Instruction arg : all("ARG")) {
                String[] parts = arg.arguments().split("=", 2);
                if (parts[0].trim().equals(name) && parts.length == 2) {
                    return parts[1].trim();
                }
            }
            throw new AssertionError("no ARG " + name + " with a default in stage " + name());
        }
    }

    static Dockerfile read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dockerfile parse(String text) {
        List<String> lines = joinContinuations(text);
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            String arguments = parts.length > 1 ? parts[1].trim() : "";
            if (keyword.equals("FROM")) {
                String[] from = arguments.split("\\s+");
                String name = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
                stages.add(new Stage(substitute(from[0], globalArgs), name, new ArrayList<>()));
            } else if (stages.isEmpty()) {
                if (!keyword.equals("ARG")) {
                    throw new IllegalArgumentException("only ARG may come before the first FROM: " + line);
                }
                String[] arg = arguments.split("=", 2);
                globalArgs.put(arg[0].trim(), arg.length == 2 ? arg[1].trim() : null);
            } else {
                stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(globalArgs, stages);
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    private static String substitute(String value, Map<String, String> args) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String replacement = args.get(name);
            if (replacement == null) {
                throw new IllegalArgumentException("FROM uses ${" + name + "}, which has no default");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private static List<String> joinContinuations(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            if (!current.toString().isBlank()) {
                lines.add(current.toString().strip());
            }
            current.setLength(0);
        }
        return lines;
    }
}
