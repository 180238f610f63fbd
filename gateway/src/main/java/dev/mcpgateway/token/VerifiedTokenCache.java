package dev.mcpgateway.token;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Signature verifications already done, so crypto runs on cache misses only.
 *
 * <ul>
 *   <li>Keyed by the SHA-256 of the token: the cache never holds a bearer credential (MCP authorization
 *       "Token Theft"; see also {@link VerifiedToken}).</li>
 *   <li>Bounded in size; each entry lives {@code min(exp - now, cacheMaxTtl)} on the injected clock, never past
 *       {@code exp} (RFC 7519 §4.1.4). {@code cacheMaxTtl} is also how long a revoked or retired-key token may
 *       still be served.</li>
 *   <li>Concurrent lookups of one uncached token share one verification.</li>
 *   <li>Failures are not cached: the entry is removed before the callers waiting for it get the error, so a
 *       transient key outage is not remembered, and a forged token costs one signature check per attempt (key
 *       fetches stay bounded by {@link JwksKeySource}).</li>
 * </ul>
 * What is cached is route-independent; issuer trust, audience and time are checked again on every use.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4">RFC 7519 §4.1.4</a>
 */
final class VerifiedTokenCache {

    private final AsyncCache<String, Outcome> cache;

    VerifiedTokenCache(int maxSize, Duration maxTtl, Clock clock) {
        long start = clock.millis();
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(Expiry.<String, Outcome>writing((digest, outcome) -> timeToLive(outcome, maxTtl, clock)))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis() - start))
                .executor(Runnable::run)
                .buildAsync();
    }

    /** The cached (or in-progress) verification of {@code token}; empty if there is none. */
    Mono<VerifiedToken> cached(String token) {
        CompletableFuture<Outcome> entry = cache.getIfPresent(digest(token));
        return entry == null ? Mono.empty() : Mono.fromFuture(entry, true).flatMap(Outcome::result);
    }

    /**
     * The cached verification of {@code token}, or the result of {@code verification}, which then runs once however
     * many callers ask concurrently. A subscriber that cancels does not cancel it for the others.
     */
    Mono<VerifiedToken> computeIfAbsent(String token, Supplier<Mono<VerifiedToken>> verification) {
        return Mono.defer(() -> {
            String digest = digest(token);
            CompletableFuture<Outcome> created = new CompletableFuture<>();
            CompletableFuture<Outcome> entry = cache.get(digest, (key, executor) -> created);
            if (entry == created) {
                // Started only once the entry is in the map, so a failure can remove it outside Caffeine's compute.
                run(digest, created, verification);
            }
            return Mono.fromFuture(entry, true);
        }).flatMap(Outcome::result);
    }

    /** For tests: how much longer the entry for {@code token} lives. */
    Optional<Duration> timeToLive(String token) {
        return cache.synchronous().policy().expireVariably().flatMap(policy -> policy.getExpiresAfter(digest(token)));
    }

    /** For tests: the keys currently held. */
    Set<String> keys() {
        cache.synchronous().cleanUp();
        return Set.copyOf(cache.asMap().keySet());
    }

    /**
     * A failure is removed before anyone sees it, then completes the shared future normally: Caffeine logs every
     * exceptionally completed load with a stack trace, which forged tokens could use to flood the logs.
     */
    private void run(String digest, CompletableFuture<Outcome> outcome, Supplier<Mono<VerifiedToken>> verification) {
        Mono.defer(verification).subscribe(
                token -> outcome.complete(Outcome.verified(token)),
                error -> fail(digest, outcome, error),
                () -> fail(digest, outcome, new IllegalStateException("Verification produced no result")));
    }

    private void fail(String digest, CompletableFuture<Outcome> outcome, Throwable error) {
        if (!outcome.isDone()) {
            cache.asMap().remove(digest, outcome);
            outcome.complete(Outcome.failed(error));
        }
    }

    private static Duration timeToLive(Outcome outcome, Duration maxTtl, Clock clock) {
        Instant expiresAt = outcome.token() == null ? null : outcome.token().expiresAt();
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration untilExpiry = Duration.between(clock.instant(), expiresAt);
        return untilExpiry.isNegative() ? Duration.ZERO : untilExpiry.compareTo(maxTtl) < 0 ? untilExpiry : maxTtl;
    }

    private static String digest(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }

    /** Exactly one of {@code token} and {@code failure} is set. */
    private record Outcome(VerifiedToken token, Throwable failure) {

        static Outcome verified(VerifiedToken token) {
            return new Outcome(token, null);
        }

        static Outcome failed(Throwable failure) {
            return new Outcome(null, failure);
        }

        Mono<VerifiedToken> result() {
            return failure == null ? Mono.just(token) : Mono.error(failure);
        }
    }
}
