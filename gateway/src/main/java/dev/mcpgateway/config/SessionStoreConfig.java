package dev.mcpgateway.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where MCP session bindings live (DESIGN.md §2 step 6): in the gateway's memory, or in Redis so
 * that several replicas agree on who owns a session.
 *
 * @param redis the Redis (one server, Sentinel or Cluster: {@link RedisUri}), or {@code null} for memory
 * @param ttl   how long a binding lives after its last use
 */
public record SessionStoreConfig(@Nullable RedisUri redis, Duration ttl) {

    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    public static final SessionStoreConfig DEFAULTS = new SessionStoreConfig(null, DEFAULT_TTL);

    public boolean inMemory() {
        return redis == null;
    }

    /** For logs and errors: the URI without credentials. */
    public String describe() {
        return redis == null ? "memory" : redis.describe();
    }

    /** Never prints the Redis password: configuration may end up in logs. */
    @Override
    public String toString() {
        return "SessionStoreConfig[store=" + describe() + ", ttl=" + ttl + "]";
    }
}
