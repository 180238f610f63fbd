package dev.mcpgateway.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reloads {@code routes.yaml} when it changes. Watches the file's directory rather than the file,
 * because Kubernetes updates a mounted ConfigMap by swapping the {@code ..data} symlink beside it;
 * the content comparison in {@link GatewayConfigStore#reload()} makes spurious events harmless, and events on
 * unrelated files are not acted on ({@link #concernsRoutesFile}). A periodic re-read backs up file systems where
 * directory events are not delivered.
 */
public final class RoutesFileWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoutesFileWatcher.class);

    private final GatewayConfigStore store;
    private final Duration pollInterval;
    private volatile @Nullable Thread thread;

    public RoutesFileWatcher(GatewayConfigStore store, Duration pollInterval) {
        this.store = store;
        this.pollInterval = pollInterval;
    }

    @Override
    public void start() {
        Thread watcher = new Thread(this::watch, "routes-file-watcher");
        watcher.setDaemon(true);
        thread = watcher;
        watcher.start();
    }

    @Override
    public void stop() {
        Thread watcher = thread;
        thread = null;
        if (watcher != null) {
            watcher.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /**
     * Whether a directory event may have changed what {@code routes.yaml} reads: an event on the file itself, on a
     * Kubernetes ConfigMap's {@code ..data} link or timestamped directory, or lost events ({@code OVERFLOW}). Events
     * on other files (a log written beside the routes) wait for the periodic re-read instead of re-reading the file
     * at the rate the other file changes.
     */
    static boolean concernsRoutesFile(WatchEvent.Kind<?> kind, @Nullable Object context, String fileName) {
        if (kind == StandardWatchEventKinds.OVERFLOW || !(context instanceof Path changed)) {
            return true;
        }
        String name = changed.toString();
        return name.equals(fileName) || name.startsWith("..");
    }

    private void watch() {
        Path directory = Objects.requireNonNull(store.file().getParent(), "routes.yaml is a file in a directory");
        try (WatchService watchService = FileSystems.getDefault().newWatchService()) {
            directory.register(
                    watchService,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            String fileName = String.valueOf(store.file().getFileName());
            long lastRead = System.nanoTime();
            while (thread == Thread.currentThread()) {
                WatchKey key = watchService.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                boolean reread = System.nanoTime() - lastRead >= pollInterval.toNanos();
                if (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        reread |= concernsRoutesFile(event.kind(), event.context(), fileName);
                    }
                    key.reset();
                }
                if (reread) {
                    lastRead = System.nanoTime();
                    store.reload();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("Cannot watch {} for changes; routes.yaml will not be reloaded: {}", directory, e.getMessage());
        }
    }
}
