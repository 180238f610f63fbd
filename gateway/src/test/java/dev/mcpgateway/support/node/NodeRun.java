package dev.mcpgateway.support.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of a short-lived Node script (a client scenario, the conformance CLI) to its end, bounded by
 * a timeout. Its stdout and stderr are kept in files under {@code target/node-peers}.
 *
 * @param exitCode the process's exit code
 * @param stdout everything it printed on stdout
 * @param log the file holding its stderr
 */
record NodeRun(int exitCode, String stdout, Path log) {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static NodeRun run(NodeProject project, String script, List<String> arguments, Duration timeout) {
        String name =
                Path.of(script).getFileName().toString().replaceAll("\\W+", "-") + "-run-" + SEQUENCE.incrementAndGet();
        Path out = project.logDirectory().resolve(name + ".out");
        Path err = project.logDirectory().resolve(name + ".log");
        try {
            Files.createDirectories(project.logDirectory());
            Process process = new ProcessBuilder(project.command(script, arguments))
                    .directory(project.directory().toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(
                        script + " " + arguments + " did not end within " + timeout + "; see " + err);
            }
            return new NodeRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), err);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + script, e);
        }
    }
}
