package dev.mcpgateway.support.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Entry point to the Node.js peers: MCP TypeScript SDK v2 server and client scripts, the token shim and
 * the official MCP conformance suite (pinned in {@code src/test/node/package-lock.json}). The first call
 * in a JVM installs them ({@code npm ci}) if needed. Every run is bounded; servers and shims are
 * {@link AutoCloseable} and also ended by a JVM shutdown hook.
 *
 * <pre>{@code
 * try (ModernServer server = NodePeers.server()) {
 *     ClientRun run = NodePeers.client("call", server.mcpUrl(), "--tool", "echo", "--args", "{\"text\":\"hi\"}");
 *     ConformanceReport report = NodePeers.conformance(server.mcpUrl(), "2026-07-28");
 * }
 * }</pre>
 */
public final class NodePeers {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONFORMANCE_TIMEOUT = Duration.ofMinutes(4);
    private static final String CONFORMANCE_CLI = "node_modules/@modelcontextprotocol/conformance/dist/index.js";
    private static final AtomicInteger CONFORMANCE_RUNS = new AtomicInteger();

    private NodePeers() {}

    /** The installed Node project. */
    public static NodeProject project() {
        return NodeProject.installed();
    }

    /** A server with sessionful 2025 support, one tools/list page and the SDK's localhost guard on. */
    public static ModernServer server() {
        return ModernServer.start(project(), ModernServer.Legacy.SESSIONS, 0, true);
    }

    public static ModernServer server(ModernServer.Legacy legacy, int toolsPageSize, boolean hostCheck) {
        return ModernServer.start(project(), legacy, toolsPageSize, hostCheck);
    }

    /** A shim adding {@code Authorization: Bearer token} to everything it forwards to {@code target}. */
    public static TokenShim shim(String target, String token) {
        return TokenShim.start(project(), target, token);
    }

    /**
     * Runs one {@code modern-client.mjs} scenario against {@code url} to its end (at most a minute).
     *
     * @param options further client options, e.g. {@code "--token", t, "--tool", "echo"}
     */
    public static ClientRun client(String scenario, String url, String... options) {
        List<String> arguments = new ArrayList<>(List.of(scenario, "--url", url));
        arguments.addAll(List.of(options));
        return ClientRun.of(NodeRun.run(project(), "modern-client.mjs", arguments, CLIENT_TIMEOUT));
    }

    /**
     * Runs the conformance suite's server scenarios that {@code requirements} (a revision such as
     * {@code 2026-07-28} or {@code 2025-11-25}) requires against {@code url}, and reads their results.
     */
    public static ConformanceReport conformance(String url, String requirements) {
        NodeProject project = project();
        Path output = project.logDirectory()
                .resolve("conformance-" + requirements + "-" + CONFORMANCE_RUNS.incrementAndGet());
        deleteRecursively(output);
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NodeRun run = NodeRun.run(
                project,
                CONFORMANCE_CLI,
                List.of("server", "--url", url, "--requirements", requirements, "-o", output.toString()),
                CONFORMANCE_TIMEOUT);
        try {
            Files.writeString(output.resolve("stdout.txt"), run.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ConformanceReport.read(requirements, run, output);
    }

    /** Results left by an earlier build in the same folder would otherwise be read as this run's. */
    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + directory, e);
        }
    }
}
