package dev.mcpgateway.mcp;

import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.SessionStoreConfig;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session store that {@code gateway.session-store} and {@code gateway.session-ttl} describe. It is
 * built when the configuration loads, never on the request path, and rebuilt when a reload changes
 * those keys (a new in-memory store starts empty: its sessions must initialize again).
 */
public final class SessionStores implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionStores.class);

    private final AtomicReference<Held> held = new AtomicReference<>();

    public SessionStores(GatewayConfigStore config) {
        use(config.current().sessionStore());
        config.onChange(changed -> use(changed.sessionStore()));
    }

    public SessionStore current() {
        return held.get().store();
    }

    private synchronized void use(SessionStoreConfig config) {
        Held previous = held.get();
        if (previous != null && previous.config().equals(config)) {
            return;
        }
        SessionStore store = config.inMemory()
                ? new MemorySessionStore(config.ttl())
                : new RedisSessionStore(config.redis(), config.ttl());
        held.set(new Held(config, store));
        log.info("MCP session bindings are kept in {} (expire {} after last use)", config.describe(), config.ttl());
        if (previous != null) {
            previous.store().close();
        }
    }

    @Override
    public void close() {
        held.get().store().close();
    }

    private record Held(SessionStoreConfig config, SessionStore store) {}
}
