package dev.mcpgateway.mcp;

import dev.mcpgateway.config.RedisUri;
import dev.mcpgateway.config.SessionStoreConfig;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Where session bindings live. Every lookup extends a binding's life by the configured TTL, so a
 * session lasts while it is used. Implementations never block the calling thread.
 */
public interface SessionStore extends AutoCloseable {

    /** The binding of {@code key}, empty when unknown or expired; errors when the store is unreachable. */
    Mono<SessionBinding> find(String key);

    /** Binds {@code key} unless it is bound already; answers the binding in force afterwards. */
    Mono<SessionBinding> bindIfAbsent(String key, SessionBinding binding);

    Mono<Void> remove(String key);

    /**
     * A secret that every replica sharing this store agrees on: {@code candidate}, unless a replica stored one under
     * {@code name} before (then that one). For the sealing key of MCP 2026-07-28 request states when none is
     * configured; a store of this process alone answers {@code candidate}. Errors when the store is unreachable.
     */
    Mono<byte[]> sharedSecret(String name, byte[] candidate);

    @Override
    void close();

    /**
     * The store {@code gateway.session-store} and {@code gateway.session-ttl} describe, built when the configuration
     * loads, never on the request path (a new in-memory store starts empty: its sessions must initialize again).
     */
    static SessionStore of(SessionStoreConfig config) {
        LoggerFactory.getLogger(SessionStore.class)
                .info(
                        "MCP session bindings are kept in {} (expire {} after last use)",
                        config.describe(),
                        config.ttl());
        RedisUri redis = config.redis();
        return redis == null ? new MemorySessionStore(config.ttl()) : new RedisSessionStore(redis, config.ttl());
    }

    /** The store key of a session: ids are only unique per upstream, so the route is part of it. */
    static String key(String routeId, String sessionId) {
        return routeId + "/" + sessionId;
    }
}
