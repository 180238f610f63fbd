package dev.mcpgateway.token;

import java.time.Duration;

/**
 * Tuning for {@link AccessTokenVerifier}, validated once at construction.
 *
 * @param clockSkew              tolerance applied to {@code exp} and {@code nbf} (RFC 7519 §4.1.4, §4.1.5);
 *                               at most 60 s
 * @param jwksRefreshInterval    how often an authorization server's JWK Set is re-read after its first use, so that
 *                               retired keys stop being trusted (RFC 7517 §5)
 * @param jwksMinRefetchInterval the least time between two JWK Set fetches caused by unknown {@code kid}s; bounds the
 *                               traffic forged tokens can cause towards the authorization server
 * @param cacheMaxSize           most verified tokens kept; {@code 0} disables the cache
 * @param cacheMaxTtl            longest a verified token is served from the cache (also the revocation latency)
 * @param httpTimeout            limit for each metadata or JWK Set request
 */
public record TokenVerifierSettings(
        Duration clockSkew,
        Duration jwksRefreshInterval,
        Duration jwksMinRefetchInterval,
        int cacheMaxSize,
        Duration cacheMaxTtl,
        Duration httpTimeout) {

    /** The largest accepted {@link #clockSkew}: beyond a minute, expired tokens stay usable for too long. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    public TokenVerifierSettings {
        requireNotNegative("clockSkew", clockSkew);
        if (clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("clockSkew must be at most " + MAX_CLOCK_SKEW + " but was " + clockSkew);
        }
        requirePositive("jwksRefreshInterval", jwksRefreshInterval);
        requirePositive("jwksMinRefetchInterval", jwksMinRefetchInterval);
        if (cacheMaxSize < 0) {
            throw new IllegalArgumentException("cacheMaxSize must not be negative but was " + cacheMaxSize);
        }
        requireNotNegative("cacheMaxTtl", cacheMaxTtl);
        requirePositive("httpTimeout", httpTimeout);
    }

    /**
     * 60 s skew; keys refreshed every 5 min and refetched at most every 30 s; 10 000 tokens cached for at most
     * 5 min; 5 s HTTP timeout.
     */
    public static TokenVerifierSettings defaults() {
        return new TokenVerifierSettings(
                Duration.ofSeconds(60),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                10_000,
                Duration.ofMinutes(5),
                Duration.ofSeconds(5));
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative but was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        requireNotNegative(name, value);
        if (value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
