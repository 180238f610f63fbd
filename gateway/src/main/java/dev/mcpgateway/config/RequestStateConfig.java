package dev.mcpgateway.config;

import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * {@code gateway.request-state}: how the gateway seals the {@code requestState} of MCP 2026-07-28 multi round-trip
 * requests (basic/patterns/mrtr: state the client echoes is attacker-controlled and must be integrity-protected,
 * bound to the principal, the originating request and a short expiry).
 *
 * @param key the AES-256 key ({@code key}, 32 bytes, Base64 in the file), or {@code null} to generate one at start;
 *            replicas that serve one client must share it
 * @param ttl how long a sealed state stays valid ({@code ttl})
 */
public record RequestStateConfig(byte @Nullable [] key, Duration ttl) {

    /** 32 bytes: AES-256. */
    public static final int KEY_BYTES = 32;
    /** The SDK's default lifetime of a request state: long enough for a person to answer an elicitation. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    public static final RequestStateConfig DEFAULTS = new RequestStateConfig(null, DEFAULT_TTL);

    public RequestStateConfig {
        key = key == null ? null : key.clone();
    }

    @Override
    public byte @Nullable [] key() {
        return key == null ? null : key.clone();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof RequestStateConfig that && Arrays.equals(key, that.key) && ttl.equals(that.ttl);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + ttl.hashCode();
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "RequestStateConfig[key=" + (key == null ? "generated" : "(configured, hidden)") + ", ttl=" + ttl + "]";
    }
}
