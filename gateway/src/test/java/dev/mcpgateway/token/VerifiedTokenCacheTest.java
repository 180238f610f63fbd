package dev.mcpgateway.token;

import static dev.mcpgateway.token.Rejections.WAIT;
import static dev.mcpgateway.token.TestTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.ClaimMapping;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The verified-token cache: keyed by a digest, bounded, never outliving the token, never caching failures. */
class VerifiedTokenCacheTest {

    private static final Duration MAX_TTL = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(NOW);
    private final VerifiedTokenCache cache = new VerifiedTokenCache(100, MAX_TTL, clock);

    private static VerifiedToken verifiedToken(Instant expiresAt) {
        return VerifiedToken.of(
                Jwt.withTokenValue("unused")
                        .header("alg", "RS256")
                        .subject("alice")
                        .expiresAt(expiresAt)
                        .build(),
                ClaimMapping.DEFAULTS);
    }

    @Test
    void verifiedTokenIsServedFromTheCacheWithoutVerifyingAgain() {
        AtomicInteger verifications = new AtomicInteger();
        Mono<VerifiedToken> verification = Mono.fromSupplier(() -> {
            verifications.incrementAndGet();
            return verifiedToken(NOW.plusSeconds(600));
        });

        cache.computeIfAbsent("token-a", () -> verification).block(WAIT);
        StepVerifier.create(cache.cached("token-a"))
                .expectNextCount(1)
                .expectComplete()
                .verify(WAIT);
        cache.computeIfAbsent("token-a", () -> verification).block(WAIT);

        assertThat(verifications).hasValue(1);
        StepVerifier.create(cache.cached("token-b")).expectComplete().verify(WAIT);
    }

    @Test
    void concurrentLookupsOfAnUncachedTokenShareOneVerification() {
        AtomicInteger verifications = new AtomicInteger();
        Mono<VerifiedToken> slowVerification = Mono.delay(Duration.ofMillis(200))
                .map(tick -> verifiedToken(NOW.plusSeconds(600)))
                .doOnSubscribe(subscription -> verifications.incrementAndGet());

        List<VerifiedToken> results = Flux.range(0, 20)
                .flatMap(i -> cache.computeIfAbsent("token-a", () -> slowVerification))
                .collectList()
                .block(WAIT);

        assertThat(results).hasSize(20);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void cancellingOneWaiterDoesNotCancelTheSharedVerification() {
        Mono<VerifiedToken> slowVerification =
                Mono.delay(Duration.ofMillis(200)).map(tick -> verifiedToken(NOW.plusSeconds(600)));

        cache.computeIfAbsent("token-a", () -> slowVerification).subscribe().dispose();

        StepVerifier.create(cache.computeIfAbsent("token-a", () -> Mono.error(new AssertionError("verified twice"))))
                .expectNextCount(1)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void failedVerificationIsNotCached() {
        AtomicInteger verifications = new AtomicInteger();
        Mono<VerifiedToken> failing = Mono.defer(() -> {
            verifications.incrementAndGet();
            return Mono.error(TokenRejection.INVALID_SIGNATURE.exception());
        });

        StepVerifier.create(cache.computeIfAbsent("token-a", () -> failing))
                .expectError()
                .verify(WAIT);
        StepVerifier.create(cache.cached("token-a")).expectComplete().verify(WAIT);
        StepVerifier.create(cache.computeIfAbsent("token-a", () -> failing))
                .expectError()
                .verify(WAIT);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void failureIsRemovedBeforeAnyWaiterSeesIt() {
        for (int i = 0; i < 100; i++) {
            Mono<VerifiedToken> asynchronousFailure =
                    Mono.delay(Duration.ofMillis(1)).then(Mono.error(TokenRejection.UNKNOWN_SIGNING_KEY.exception()));

            StepVerifier.create(cache.computeIfAbsent("token-a", () -> asynchronousFailure))
                    .expectError()
                    .verify(WAIT);

            StepVerifier.create(cache.cached("token-a")).expectComplete().verify(WAIT);
        }
    }

    @Test
    void entryExpiresNoLaterThanTheToken() {
        cache.computeIfAbsent("token-a", () -> Mono.just(verifiedToken(NOW.plusSeconds(30))))
                .block(WAIT);

        assertThat(cache.timeToLive("token-a"))
                .hasValueSatisfying(ttl -> assertThat(ttl).isLessThanOrEqualTo(Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(30));
        StepVerifier.create(cache.cached("token-a")).expectComplete().verify(WAIT);
    }

    @Test
    void entryLivesAtMostTheMaximumTtl() {
        cache.computeIfAbsent("token-a", () -> Mono.just(verifiedToken(NOW.plus(Duration.ofHours(1)))))
                .block(WAIT);

        assertThat(cache.timeToLive("token-a"))
                .hasValueSatisfying(ttl -> assertThat(ttl).isEqualTo(MAX_TTL));
        clock.advance(MAX_TTL.minusSeconds(1));
        StepVerifier.create(cache.cached("token-a"))
                .expectNextCount(1)
                .expectComplete()
                .verify(WAIT);
        clock.advance(Duration.ofSeconds(1));
        StepVerifier.create(cache.cached("token-a")).expectComplete().verify(WAIT);
    }

    @Test
    void tokenAlreadyPastItsExpiryIsNotKept() {
        cache.computeIfAbsent("token-a", () -> Mono.just(verifiedToken(NOW.minusSeconds(10))))
                .block(WAIT);

        StepVerifier.create(cache.cached("token-a")).expectComplete().verify(WAIT);
    }

    @Test
    void cacheIsKeyedByTheSha256OfTheTokenNeverTheTokenItself() throws Exception {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
        cache.computeIfAbsent(token, () -> Mono.just(verifiedToken(NOW.plusSeconds(600))))
                .block(WAIT);

        String digest = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(cache.keys()).containsExactly(digest);
        assertThat(cache.keys()).noneMatch(key -> key.contains(token) || token.contains(key));
    }

    @Test
    void cacheSizeIsBounded() {
        VerifiedTokenCache small = new VerifiedTokenCache(3, MAX_TTL, clock);

        for (int i = 0; i < 50; i++) {
            small.computeIfAbsent("token-" + i, () -> Mono.just(verifiedToken(NOW.plusSeconds(600))))
                    .block(WAIT);
        }

        assertThat(small.keys()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void cachedTokenIsRebuiltWithThePresentedTokenValue() {
        cache.computeIfAbsent("token-a", () -> Mono.just(verifiedToken(NOW.plusSeconds(600))))
                .block(WAIT);

        Jwt jwt = cache.cached("token-a")
                .map(verified -> verified.toJwt("token-a"))
                .block(WAIT);

        assertThat(jwt).isNotNull();
        assertThat(jwt.getTokenValue()).isEqualTo("token-a");
        assertThat(jwt.getSubject()).isEqualTo("alice");
    }
}
