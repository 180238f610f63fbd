package dev.mcpgateway.config;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resource built from one part of the configuration (the authorization servers, the session store, the
 * rate-limit store) and rebuilt only when a reload changes that part, the way Spring Cloud Gateway rebuilds routes
 * on a refresh event: edits elsewhere keep it, and its caches and connections, warm. The replaced resource is closed
 * after the new one is in place; requests in flight that still hold it finish on it.
 *
 * @param <K> the part of the configuration the resource is built from; compared with {@code equals}
 * @param <V> the resource
 */
public final class Reloadable<K, V extends AutoCloseable> implements Supplier<V>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Reloadable.class);

    private final Function<GatewayConfig, K> part;
    private final Function<K, V> build;
    private volatile Built<K, V> current;

    /** Builds the resource from the current configuration now, and again after every reload that changes {@code part}. */
    public Reloadable(GatewayConfigStore store, Function<GatewayConfig, K> part, Function<K, V> build) {
        this.part = part;
        this.build = build;
        K key = part.apply(store.current());
        this.current = new Built<>(key, build.apply(key));
        store.onChange(this::rebuildIfChanged);
    }

    /** The resource for the configuration live now. */
    @Override
    public V get() {
        return current.value();
    }

    private synchronized void rebuildIfChanged(GatewayConfig config) {
        K key = part.apply(config);
        Built<K, V> previous = current;
        if (Objects.equals(previous.key(), key)) {
            return;
        }
        current = new Built<>(key, build.apply(key));
        closeQuietly(previous.value());
    }

    @Override
    public void close() {
        closeQuietly(current.value());
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Closing a replaced {} failed: {}", resource.getClass().getSimpleName(), e.toString());
        }
    }

    private record Built<K, V>(K key, V value) {}
}
