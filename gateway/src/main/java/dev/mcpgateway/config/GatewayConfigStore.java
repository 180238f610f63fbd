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
import java.util.function.UnaryOperator;
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

    /** What {@link #overlay} adds to every configuration read from the file, until {@link #removeOverlay}. */
    private @Nullable UnaryOperator<GatewayConfig> overlay;

    /**
     * Loads the file once; an invalid file fails start-up.
     *
     * @throws ConfigException naming each invalid key path
     */
    public GatewayConfigStore(Path file, RoutesFileParser parser) {
        this.file = file.toAbsolutePath().normalize();
        this.parser = parser;
        String text = read();
        GatewayConfig config = parser.parse(this.file.toString(), text);
        this.current = new Loaded(text, config, config);
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
        GatewayConfig parsed;
        Overlaid live;
        try {
            parsed = parser.parse(file.toString(), text);
            live = withOverlay(parsed);
            List<ConfigException.ConfigProblem> problems = problems(live.config());
            if (!problems.isEmpty()) {
                throw new ConfigException(file.toString(), problems);
            }
        } catch (ConfigException e) {
            lastRejected = text;
            log.error(
                    "{}{}Keeping the last good configuration ({} routes).",
                    e.getMessage(),
                    System.lineSeparator(),
                    current.fromFile().routes().size());
            return false;
        }
        if (live.clash() != null) {
            // Only now: a rejected file must leave the overlay as it is, live and removable.
            log.warn("{}; the reloaded file wins and the overlay ends", live.clash());
            overlay = null;
        }
        goLive(text, parsed, live.config());
        lastRejected = null;
        log.info("Reloaded {}: {} routes live", file, parsed.routes().size());
        return true;
    }

    /**
     * Puts {@code extension} of the file's configuration live, the way a reload puts a new file live (the same checks,
     * then what requests need is prepared, then the listeners), and applies it to every configuration reloaded from
     * the file until {@link #removeOverlay}. The warm-up adds its own route this way for a few seconds.
     *
     * @return the problems the checks found, in which case nothing changed
     */
    public synchronized List<ConfigException.ConfigProblem> overlay(UnaryOperator<GatewayConfig> extension) {
        GatewayConfig live = extension.apply(current.fromFile());
        List<ConfigException.ConfigProblem> problems = problems(live);
        if (problems.isEmpty()) {
            overlay = extension;
            goLive(current.text(), current.fromFile(), live);
        }
        return problems;
    }

    /** Puts the file's configuration live again, as it is now, without what {@link #overlay} added. */
    public synchronized void removeOverlay() {
        if (overlay == null) {
            return;
        }
        overlay = null;
        goLive(current.text(), current.fromFile(), current.fromFile());
        // A text rejected while the overlay was live is read again on the next poll, judged on its own.
        lastRejected = null;
    }

    /**
     * {@code parsed} with the overlay applied; a file that now clashes with the overlay is taken as it is, and the
     * overlay ends if (and only if) that file goes live.
     */
    private Overlaid withOverlay(GatewayConfig parsed) {
        UnaryOperator<GatewayConfig> extension = overlay;
        if (extension == null) {
            return new Overlaid(parsed, null);
        }
        try {
            return new Overlaid(extension.apply(parsed), null);
        } catch (IllegalArgumentException clash) {
            return new Overlaid(parsed, String.valueOf(clash.getMessage()));
        }
    }

    private List<ConfigException.ConfigProblem> problems(GatewayConfig config) {
        return checks.stream().flatMap(check -> check.apply(config).stream()).toList();
    }

    private void goLive(String text, GatewayConfig fromFile, GatewayConfig live) {
        preparers.forEach(preparer -> preparer.accept(live));
        current = new Loaded(text, fromFile, live);
        listeners.forEach(listener -> listener.accept(live));
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What would go live for a file: with the overlay, or without it when the file clashes with it. */
    private record Overlaid(GatewayConfig config, @Nullable String clash) {}

    /** The file's text, what it says, and what is live: the same, or with the {@link #overlay} applied. */
    private record Loaded(String text, GatewayConfig fromFile, GatewayConfig config) {}
}
