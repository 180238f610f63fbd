package dev.mcpgateway.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Signature verifications already done, so crypto runs on cache misses only ({@link TokenDigestCache}: keyed by
 * the SHA-256 of the token, bounded, concurrent lookups share one verification, failures not cached).
 *
 * <p>Each entry lives {@code min(exp - now, cacheMaxTtl)} on the injected clock, never past {@code exp}
 * (RFC 7519 §4.1.4). {@code cacheMaxTtl} is also how long a revoked or retired-key token may still be served.
 * What is cached is route-independent; issuer trust, audience and time are checked again on every use.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4">RFC 7519 §4.1.4</a>
 */
final class VerifiedTokenCache {

    private final TokenDigestCache<VerifiedToken> cache;

    VerifiedTokenCache(int maxSize, Duration maxTtl, Clock clock) {
        this.cache = new TokenDigestCache<>(maxSize, token -> timeToLive(token.expiresAt(), maxTtl, clock), clock);
    }

    /** The cached (or in-progress) verification of {@code token}; empty if there is none. */
    Mono<VerifiedToken> cached(String token) {
        return cache.cached(token);
    }

    /** The cached (or in-progress) verification of {@code token}; null if there is none. */
    @Nullable Mono<VerifiedToken> ifCached(String token) {
        return cache.ifCached(token);
    }

    /**
     * The cached verification of {@code token}, or the result of {@code verification}, which then runs once however
     * many callers ask concurrently. A subscriber that cancels does not cancel it for the others.
     */
    Mono<VerifiedToken> computeIfAbsent(String token, Supplier<Mono<VerifiedToken>> verification) {
        return cache.computeIfAbsent(token, verification);
    }

    /** For tests: how much longer the entry for {@code token} lives. */
    Optional<Duration> timeToLive(String token) {
        return cache.timeToLive(token);
    }

    /** For tests: the keys currently held. */
    Set<String> keys() {
        return cache.keys();
    }

    /** {@code min(expiresAt - now, maxTtl)}; zero when there is no {@code exp} or it has passed. */
    static Duration timeToLive(@Nullable Instant expiresAt, Duration maxTtl, Clock clock) {
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration untilExpiry = Duration.between(clock.instant(), expiresAt);
        return untilExpiry.isNegative() ? Duration.ZERO : untilExpiry.compareTo(maxTtl) < 0 ? untilExpiry : maxTtl;
    }
}
