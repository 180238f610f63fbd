package dev.mcpgateway.mcp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Session bindings in this gateway's memory: bounded, expiring after {@code session-ttl} without use. */
final class MemorySessionStore implements SessionStore {

    /** Far above the sessions one replica serves; a bound keeps a flood of initializations from exhausting memory. */
    static final long MAX_SESSIONS = 100_000;

    private final Cache<String, SessionBinding> bindings;

    MemorySessionStore(Duration ttl) {
        this.bindings = Caffeine.newBuilder()
                .expireAfterAccess(ttl)
                .maximumSize(MAX_SESSIONS)
                // Upkeep on the calling thread: no hand-off to the common pool from the event loop per read.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Mono<SessionBinding> find(String key) {
        return Mono.fromSupplier(() -> bindings.getIfPresent(key));
    }

    @Override
    public Mono<SessionBinding> bindIfAbsent(String key, SessionBinding binding) {
        return Mono.fromSupplier(() -> {
            SessionBinding existing = bindings.asMap().putIfAbsent(key, binding);
            return existing == null ? binding : existing;
        });
    }

    @Override
    public Mono<byte[]> sharedSecret(String name, byte[] candidate) {
        return Mono.just(candidate);
    }

    @Override
    public Mono<Void> remove(String key) {
        return Mono.fromRunnable(() -> bindings.invalidate(key));
    }

    @Override
    public void close() {
        bindings.invalidateAll();
    }
}
