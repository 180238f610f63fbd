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
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Results of checking a bearer token (a signature verification, an introspection), reused until they expire.
 *
 * <ul>
 *   <li>Keyed by the SHA-256 of the token: the cache never holds a bearer credential (MCP authorization
 *       "Token Theft").</li>
 *   <li>Bounded in size; each entry lives as long as {@code timeToLive} says for its value, measured on the
 *       injected clock.</li>
 *   <li>Concurrent lookups of one uncached token share one check: a burst of requests with a new token costs one
 *       signature verification or one introspection call, not one per request.</li>
 *   <li>Failures are not cached: the entry is removed before the callers waiting for it get the error, so a
 *       transient outage is not remembered.</li>
 * </ul>
 *
 * @param <V> what a successful check produces; it must not contain the token
 */
final class TokenDigestCache<V> {

    private final AsyncCache<String, Outcome<V>> cache;
    private final Function<V, Duration> timeToLive;
    private final Clock clock;

    /**
     * @param timeToLive how long a value stays, from the moment it is produced; {@link Duration#ZERO} (or less)
     *                   means not at all
     */
    TokenDigestCache(int maxSize, Function<V, Duration> timeToLive, Clock clock) {
        long start = clock.millis();
        this.timeToLive = timeToLive;
        this.clock = clock;
        // The deadline is fixed when the value is produced, not when Caffeine gets to see the completed future,
        // which may happen after the callers have already moved on.
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(
                        Expiry.<String, Outcome<V>>writing((digest, outcome) -> outcome instanceof Checked<V> checked
                                ? notNegative(Duration.between(clock.instant(), checked.deadline()))
                                : Duration.ZERO))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis() - start))
                .executor(Runnable::run)
                .buildAsync();
    }

    /** The cached (or in-progress) result for {@code token}; empty if there is none. */
    Mono<V> cached(String token) {
        Mono<V> cached = ifCached(token);
        return cached == null ? Mono.empty() : cached;
    }

    /**
     * The cached (or in-progress) result for {@code token}, or null when there is none, so that a caller can take
     * another path without subscribing first. A completed result is handed out directly.
     */
    @Nullable Mono<V> ifCached(String token) {
        CompletableFuture<Outcome<V>> entry = cache.getIfPresent(digest(token));
        if (entry == null) {
            return null;
        }
        if (entry.isDone() && !entry.isCompletedExceptionally()) {
            return entry.join().result();
        }
        return Mono.fromFuture(entry, true).flatMap(Outcome::result);
    }

    /**
     * The cached result for {@code token}, or the result of {@code check}, which then runs once however many callers
     * ask concurrently. A subscriber that cancels does not cancel it for the others.
     */
    Mono<V> computeIfAbsent(String token, Supplier<Mono<V>> check) {
        return Mono.defer(() -> {
                    String digest = digest(token);
                    CompletableFuture<Outcome<V>> created = new CompletableFuture<>();
                    CompletableFuture<Outcome<V>> entry = cache.get(digest, (key, executor) -> created);
                    if (entry == created) {
                        // Started only once the entry is in the map, so a failure can remove it outside Caffeine's
                        // compute.
                        run(digest, created, check);
                    }
                    return Mono.fromFuture(entry, true);
                })
                .flatMap(Outcome::result);
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
    private void run(String digest, CompletableFuture<Outcome<V>> outcome, Supplier<Mono<V>> check) {
        Mono.defer(check)
                .subscribe(
                        value -> succeed(digest, outcome, value),
                        error -> fail(digest, outcome, error),
                        () -> fail(digest, outcome, new IllegalStateException("The token check produced no result")));
    }

    /**
     * The completed value replaces the pending entry before anyone waiting sees it, so its expiry is settled (from
     * the moment it was produced) before a caller can ask again; Caffeine's own bookkeeping of the pending future
     * would otherwise race with the callers it wakes up.
     */
    private void succeed(String digest, CompletableFuture<Outcome<V>> outcome, V value) {
        Outcome<V> result = new Checked<>(value, clock.instant().plus(notNegative(timeToLive.apply(value))));
        cache.put(digest, CompletableFuture.completedFuture(result));
        outcome.complete(result);
    }

    private void fail(String digest, CompletableFuture<Outcome<V>> outcome, Throwable error) {
        if (!outcome.isDone()) {
            cache.asMap().remove(digest, outcome);
            outcome.complete(new Failed<>(error));
        }
    }

    private static Duration notNegative(Duration duration) {
        return duration == null || duration.isNegative() ? Duration.ZERO : duration;
    }

    static String digest(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }

    /** What a check produced: its value, with the instant it stops being served, or its failure. */
    private sealed interface Outcome<V> {
        Mono<V> result();
    }

    private record Checked<V>(V value, Instant deadline) implements Outcome<V> {
        @Override
        public Mono<V> result() {
            return Mono.just(value);
        }
    }

    private record Failed<V>(Throwable failure) implements Outcome<V> {
        @Override
        public Mono<V> result() {
            return Mono.error(failure);
        }
    }
}
