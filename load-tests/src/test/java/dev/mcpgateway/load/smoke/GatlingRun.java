package dev.mcpgateway.load.smoke;

import io.gatling.app.Gatling$;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One simulation run through Gatling's programmatic entry point, in this JVM, with the given {@code load.*} system
 * properties (removed again afterwards). Gatling's exit code says whether the simulation's assertions held.
 */
final class GatlingRun {

    private GatlingRun() {}

    /** Runs {@code simulation}, writing its results (and HTML report) under {@code resultsFolder}; returns the exit code. */
    static int run(Class<?> simulation, Path resultsFolder, Map<String, String> properties) {
        properties.forEach(System::setProperty);
        try {
            return Gatling$.MODULE$.fromArgs(
                    new String[] {"-s", simulation.getName(), "-rf", resultsFolder.toString()});
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    /** The HTML report a run of {@code simulation} wrote under {@code resultsFolder}, if any. */
    static Optional<Path> report(Class<?> simulation, Path resultsFolder) throws IOException {
        String prefix = simulation.getSimpleName().toLowerCase();
        try (Stream<Path> runs = Files.list(resultsFolder)) {
            return runs.filter(run -> run.getFileName().toString().startsWith(prefix))
                    .map(run -> run.resolve("index.html"))
                    .filter(Files::isRegularFile)
                    .findFirst();
        }
    }
}
