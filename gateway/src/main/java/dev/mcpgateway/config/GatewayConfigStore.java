package dev.mcpgateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live configuration. Readers get an immutable snapshot; a reload swaps it atomically
 * only when the new file is valid, so a broken edit never takes down the routes that work.
 */
public final class GatewayConfigStore {

    private static final Logger log = LoggerFactory.getLogger(GatewayConfigStore.class);

    private final Path file;
    private final RoutesFileParser parser;
    /** Replaced whole by {@link #reload()}; readers see one snapshot or the next, never a mix. */
    private volatile Loaded current;

    private final List<Consumer<GatewayConfig>> preparers = new CopyOnWriteArrayList<>();
    private final List<Consumer<GatewayConfig>> listeners = new CopyOnWriteArrayList<>();
    private final List<Function<GatewayConfig, List<ConfigException.ConfigProblem>>> checks =
            new CopyOnWriteArrayList<>();
    /** The last text rejected, or the last read failure: each is reported once, not on every poll. */
    private @Nullable String lastRejected;

    private @Nullable String lastReadFailure;

    /**
     * Loads the file once; an invalid file fails start-up.
     *
     * @throws ConfigException naming each invalid key path
     */
    public GatewayConfigStore(Path file, RoutesFileParser parser) {
        this.file = file.toAbsolutePath().normalize();
        this.parser = parser;
        String text = read();
        this.current = new Loaded(text, parser.parse(this.file.toString(), text));
    }

    public GatewayConfig current() {
        return current.config();
    }

    public Path file() {
        return file;
    }

    /**
     * Called with every new configuration that passed its checks, before it goes live: what requests will need to
     * find for it (the routes compiled from it) is ready before the first request is pinned to it. Runs on the
     * reloading thread.
     */
    public void beforeChange(Consumer<GatewayConfig> preparer) {
        preparers.add(preparer);
    }

    /** Called with every new configuration after a successful reload. */
    public void onChange(Consumer<GatewayConfig> listener) {
        listeners.add(listener);
    }

    /**
     * Adds a check that needs more than the file (e.g. the authorization servers' metadata): on reload, a new
     * configuration goes live only when every check finds no problem. Checks run on the reloading thread, never on
     * a request thread.
     */
    public void addCheck(Function<GatewayConfig, List<ConfigException.ConfigProblem>> check) {
        checks.add(check);
    }

    /**
     * Re-reads the file. An unchanged file is a no-op; an invalid one is logged with its key paths
     * and ignored, and the last good configuration keeps serving. The same invalid text (or the same
     * read failure) is reported once, not again on every poll.
     *
     * @return true when a new configuration went live
     */
    public synchronized boolean reload() {
        String text;
        try {
            text = read();
        } catch (UncheckedIOException e) {
            String failure = String.valueOf(e.getCause());
            if (!failure.equals(lastReadFailure)) {
                log.error("Cannot read {}; keeping the last good configuration: {}", file, failure);
                lastReadFailure = failure;
            }
            return false;
        }
        lastReadFailure = null;
        if (text.equals(current.text()) || text.equals(lastRejected)) {
            return false;
        }
        GatewayConfig config;
        try {
            GatewayConfig parsed = parser.parse(file.toString(), text);
            List<ConfigException.ConfigProblem> problems = checks.stream()
                    .flatMap(check -> check.apply(parsed).stream())
                    .toList();
            config = parsed;
            if (!problems.isEmpty()) {
                throw new ConfigException(file.toString(), problems);
            }
        } catch (ConfigException e) {
            lastRejected = text;
            log.error(
                    "{}{}Keeping the last good configuration ({} routes).",
                    e.getMessage(),
                    System.lineSeparator(),
                    current().routes().size());
            return false;
        }
        preparers.forEach(preparer -> preparer.accept(config));
        current = new Loaded(text, config);
        lastRejected = null;
        log.info("Reloaded {}: {} routes live", file, config.routes().size());
        listeners.forEach(listener -> listener.accept(config));
        return true;
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Loaded(String text, GatewayConfig config) {}
}
