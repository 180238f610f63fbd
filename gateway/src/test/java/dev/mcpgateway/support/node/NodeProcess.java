package dev.mcpgateway.support.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A long-running Node script (the MCP server or the token shim) started as a child process. The script
 * prints one JSON line {@code {"ready":true,"port":N}} once it listens; {@link #start} returns after that
 * line (bounded), and everything else it prints goes to a log file under {@code target/node-peers}.
 * Closing it ends the process (SIGTERM, then SIGKILL); a JVM shutdown hook ends any a test forgot.
 */
final class NodeProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> RUNNING.forEach(NodeProcess::kill), "node-peers-shutdown"));
    }

    private final Process process;
    private final Path log;
    private final JsonNode ready;

    private NodeProcess(Process process, Path log, JsonNode ready) {
        this.process = process;
        this.log = log;
        this.ready = ready;
    }

    /** Starts {@code script} with {@code arguments} and {@code environment}; returns once it is ready. */
    static NodeProcess start(
            NodeProject project, String script, List<String> arguments, Map<String, String> environment) {
        String name = script.replaceAll("\\W+", "-") + "-" + SEQUENCE.incrementAndGet();
        Path log = project.logDirectory().resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(project.command(script, arguments))
                .directory(project.directory().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + script, e);
        }
        RUNNING.add(process);
        CompletableFuture<JsonNode> readyLine = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyStdout(process, log, readyLine), name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            JsonNode ready = readyLine.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new NodeProcess(process, log, ready);
        } catch (TimeoutException | ExecutionException e) {
            kill(process);
            throw new IllegalStateException(
                    script + " did not print its ready line within " + READY_TIMEOUT + "; see " + log, e);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting " + script, e);
        }
    }

    /** The port from the ready line. */
    int port() {
        return ready.path("port").asInt();
    }

    /** Where the process's output goes. */
    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        kill(process);
    }

    private static void copyStdout(Process process, Path log, CompletableFuture<JsonNode> readyLine) {
        try (BufferedReader stdout =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(
                        log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                if (!readyLine.isDone() && line.startsWith("{")) {
                    JsonNode parsed = NodeProject.JSON.readTree(line);
                    if (parsed.path("ready").asBoolean(false)) {
                        readyLine.complete(parsed);
                    }
                }
                out.write(line + "\n");
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            readyLine.completeExceptionally(e);
        } finally {
            readyLine.completeExceptionally(new IllegalStateException("the process ended before it was ready"));
        }
    }

    private static void kill(Process process) {
        RUNNING.remove(process);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
