package dev.mcpgateway.token;

import static dev.mcpgateway.support.TestAuthorizationServer.JWKS_PATH;
import static dev.mcpgateway.token.Rejections.WAIT;
import static dev.mcpgateway.token.Rejections.assertAccepted;
import static dev.mcpgateway.token.Rejections.assertKeysUnavailable;
import static dev.mcpgateway.token.Rejections.assertRejected;
import static dev.mcpgateway.token.TestTokens.ISSUER;
import static dev.mcpgateway.token.TestTokens.NOW;
import static dev.mcpgateway.token.TestTokens.RESOURCE;
import static dev.mcpgateway.token.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.JWK;
import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.support.TestAuthorizationServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** JWKS caching: bounded refetching on unknown key ids, rotation, outages and periodic refresh. */
class SigningKeyRotationTest {

    private static final Duration MIN_REFETCH = TokenVerifierSettings.defaults().jwksMinRefetchInterval();

    @RegisterExtension
    static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();

    private final MutableClock clock = new MutableClock(NOW);
    private AccessTokenVerifier verifier;

    @AfterEach
    void closeVerifier() {
        if (verifier != null) {
            verifier.close();
        }
    }

    private AccessTokenVerifier verifier(TokenVerifierSettings settings) {
        verifier = new AccessTokenVerifier(
                List.of(new AuthorizationServerConfig("corp", ISSUER, AUTHORIZATION_SERVER.url(JWKS_PATH))),
                WebClient.create(),
                settings,
                clock);
        return verifier;
    }

    private AccessTokenVerifier verifier() {
        return verifier(TokenVerifierSettings.defaults());
    }

    private static TokenVerifierSettings settings(Duration refreshInterval, Duration httpTimeout) {
        TokenVerifierSettings defaults = TokenVerifierSettings.defaults();
        return new TokenVerifierSettings(
                defaults.clockSkew(),
                refreshInterval,
                defaults.jwksMinRefetchInterval(),
                defaults.cacheMaxSize(),
                defaults.cacheMaxTtl(),
                httpTimeout);
    }

    private Mono<Jwt> verify(String token) {
        return verifier.verify(token, List.of("corp"), Set.of(RESOURCE));
    }

    private static String tokenWithRandomKeyId(JWK signingKey) {
        return token(signingKey).keyId(UUID.randomUUID().toString()).serialize();
    }

    @Test
    void fiftyConcurrentTokensWithUnknownKeyIdsCauseOneJwksFetch() {
        AUTHORIZATION_SERVER.publishSlowKeys(Duration.ofMillis(300), TestKeys.RSA_1);
        verifier();

        List<Throwable> outcomes = Flux.range(0, 50)
                .flatMap(i -> verify(tokenWithRandomKeyId(TestKeys.RSA_2))
                        .then(Mono.<Throwable>empty())
                        .onErrorResume(Mono::just))
                .collectList()
                .block(WAIT);

        assertThat(outcomes)
                .hasSize(50)
                .allSatisfy(error -> assertThat(error).hasMessage(TokenRejection.UNKNOWN_SIGNING_KEY.description()));
        assertThat(AUTHORIZATION_SERVER.requestsTo(JWKS_PATH)).isEqualTo(1);
    }

    @Test
    void unknownKeyIdsAfterKeysAreCachedCauseNoFetchWithinTheMinimumInterval() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        verifier();
        assertAccepted(verify(token(TestKeys.RSA_1).serialize()));

        for (int i = 0; i < 50; i++) {
            String token = tokenWithRandomKeyId(TestKeys.RSA_2);
            assertRejected(verify(token), TokenRejection.UNKNOWN_SIGNING_KEY, token);
            clock.advance(MIN_REFETCH.dividedBy(100));
        }

        assertThat(AUTHORIZATION_SERVER.requestsTo(JWKS_PATH)).isEqualTo(1);
    }

    @Test
    void unknownKeyIdsRefetchAtMostOncePerMinimumInterval() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        verifier();
        assertAccepted(verify(token(TestKeys.RSA_1).serialize()));

        for (int interval = 1; interval <= 3; interval++) {
            clock.advance(MIN_REFETCH);
            for (int i = 0; i < 10; i++) {
                String token = tokenWithRandomKeyId(TestKeys.RSA_2);
                assertRejected(verify(token), TokenRejection.UNKNOWN_SIGNING_KEY, token);
            }
            assertThat(AUTHORIZATION_SERVER.requestsTo(JWKS_PATH)).isEqualTo(1 + interval);
        }
    }

    @Test
    void rotatedKeyIsAcceptedOnceARefetchIsAllowed() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        verifier();
        assertAccepted(verify(token(TestKeys.RSA_1).serialize()));
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1, TestKeys.RSA_2);

        String tooEarly = token(TestKeys.RSA_2).serialize();
        assertRejected(verify(tooEarly), TokenRejection.UNKNOWN_SIGNING_KEY, tooEarly);

        clock.advance(MIN_REFETCH);
        assertAccepted(verify(token(TestKeys.RSA_2).serialize()));
        assertAccepted(verify(tooEarly));
        assertAccepted(verify(token(TestKeys.RSA_1).serialize()));
        assertThat(AUTHORIZATION_SERVER.requestsTo(JWKS_PATH)).isEqualTo(2);
    }

    @Test
    void keyRemovedFromTheJwksStopsValidatingAfterARefetch() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        verifier();
        assertAccepted(verify(token(TestKeys.RSA_1).serialize()));
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_2);

        clock.advance(MIN_REFETCH);
        assertAccepted(verify(token(TestKeys.RSA_2).serialize()));

        String retired = token(TestKeys.RSA_1).serialize();
        assertRejected(verify(retired), TokenRejection.UNKNOWN_SIGNING_KEY, retired);
    }

    @Test
    void cachedKeysKeepValidatingWhileTheJwksEndpointIsDown() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        verifier();
        assertAccepted(verify(token(TestKeys.RSA_1).serialize()));
        AUTHORIZATION_SERVER.failKeys();

        clock.advance(MIN_REFETCH);
        String unknown = token(TestKeys.RSA_2).serialize();
        assertRejected(verify(unknown), TokenRejection.UNKNOWN_SIGNING_KEY, unknown);

        assertAccepted(verify(token(TestKeys.RSA_1).serialize()));
        assertThat(AUTHORIZATION_SERVER.requestsTo(JWKS_PATH)).isEqualTo(2);
    }

    @Test
    void unreachableJwksBeforeTheFirstFetchMeansKeysAreUnavailableAndIsRetriedAtMostOncePerInterval() {
        AUTHORIZATION_SERVER.failKeys();
        verifier();

        for (int i = 0; i < 5; i++) {
            String token = token(TestKeys.RSA_1).serialize();
            assertKeysUnavailable(verify(token), token);
        }
        assertThat(AUTHORIZATION_SERVER.requestsTo(JWKS_PATH)).isEqualTo(1);

        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        clock.advance(MIN_REFETCH);
        assertAccepted(verify(token(TestKeys.RSA_1).serialize()));
        assertThat(AUTHORIZATION_SERVER.requestsTo(JWKS_PATH)).isEqualTo(2);
    }

    @Test
    void jwksThatIsNotAJwkSetMeansKeysAreUnavailable() {
        AUTHORIZATION_SERVER.publishRawKeys("{\"not\":\"keys\"}");
        verifier();

        String token = token(TestKeys.RSA_1).serialize();
        assertKeysUnavailable(verify(token), token);
    }

    @Test
    void jwksResponseSlowerThanTheHttpTimeoutMeansKeysAreUnavailable() {
        AUTHORIZATION_SERVER.publishSlowKeys(Duration.ofSeconds(3), TestKeys.RSA_1);
        verifier(settings(TokenVerifierSettings.defaults().jwksRefreshInterval(), Duration.ofMillis(200)));

        String token = token(TestKeys.RSA_1).serialize();
        assertKeysUnavailable(verify(token), token);
    }

    @Test
    void keysPublishedForEncryptionAreNotUsedForSignatures() {
        JWK encryptionKey = new com.nimbusds.jose.jwk.RSAKey.Builder(TestKeys.RSA_1)
                .keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION)
                .build();
        AUTHORIZATION_SERVER.publishKeys(encryptionKey);
        verifier();

        String token = token(TestKeys.RSA_1).serialize();
        assertRejected(verify(token), TokenRejection.UNKNOWN_SIGNING_KEY, token);
    }

    @Test
    void keysArePeriodicallyRefreshedSoRetiredKeysStopValidating() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        verifier(settings(
                Duration.ofMillis(200), TokenVerifierSettings.defaults().httpTimeout()));
        assertAccepted(verify(token(TestKeys.RSA_1).serialize()));

        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_2);

        await().atMost(WAIT).untilAsserted(() -> {
            String retired = token(TestKeys.RSA_1).serialize();
            assertRejected(verify(retired), TokenRejection.UNKNOWN_SIGNING_KEY, retired);
        });
        assertAccepted(verify(token(TestKeys.RSA_2).serialize()));
    }

    @Test
    void periodicRefreshDoesNotStartBeforeTheFirstVerification() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        verifier(
                settings(Duration.ofMillis(50), TokenVerifierSettings.defaults().httpTimeout()));

        await().during(Duration.ofMillis(500))
                .atMost(WAIT)
                .until(() -> AUTHORIZATION_SERVER.requestsTo(JWKS_PATH) == 0);
    }

    @Test
    void closeStopsPeriodicRefresh() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        verifier(settings(
                Duration.ofMillis(100), TokenVerifierSettings.defaults().httpTimeout()));
        assertAccepted(verify(token(TestKeys.RSA_1).serialize()));
        await().atMost(WAIT).until(() -> AUTHORIZATION_SERVER.requestsTo(JWKS_PATH) >= 3);

        verifier.close();
        int afterClose = AUTHORIZATION_SERVER.requestsTo(JWKS_PATH);

        // One refresh may already have been on the wire when close() ran; none may follow it.
        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> AUTHORIZATION_SERVER.requestsTo(JWKS_PATH) <= afterClose + 1);
    }
}
