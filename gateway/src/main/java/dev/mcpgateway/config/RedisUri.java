package dev.mcpgateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The address of a Redis that replicas share (rate-limit buckets, session bindings): {@code redis://} or
 * {@code rediss://} (TLS), with optional {@code user:password@} and {@code /database}. One type for every store,
 * validated once when {@code routes.yaml} loads, and never printed with its password.
 *
 * @param uri the URI as configured (it may hold a password: use {@link #describe()} for logs)
 */
public record RedisUri(URI uri) {

    private static final Set<String> SCHEMES = Set.of("redis", "rediss");
    private static final int DEFAULT_PORT = 6379;

    /**
     * @throws IllegalArgumentException with a message that never echoes the value, which may hold a password
     */
    public static RedisUri parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme =
                uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || !SCHEMES.contains(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "must be 'memory' or a Redis URL like redis://host:6379 (rediss:// for TLS)");
        }
        return new RedisUri(uri);
    }

    /** For logs, health details and errors: scheme, host and port, never credentials. */
    public String describe() {
        return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
    }

    /** Never prints the password: configuration may end up in logs. */
    @Override
    public String toString() {
        return describe();
    }
}
