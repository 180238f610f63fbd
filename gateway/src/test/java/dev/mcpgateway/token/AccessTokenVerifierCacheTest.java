package dev.mcpgateway.token;

import static dev.mcpgateway.support.TestAuthorizationServer.JWKS_PATH;
import static dev.mcpgateway.token.Rejections.assertAccepted;
import static dev.mcpgateway.token.Rejections.assertRejected;
import static dev.mcpgateway.token.TestTokens.ISSUER;
import static dev.mcpgateway.token.TestTokens.NOW;
import static dev.mcpgateway.token.TestTokens.OTHER_ISSUER;
import static dev.mcpgateway.token.TestTokens.RESOURCE;
import static dev.mcpgateway.token.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.support.TestAuthorizationServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.function.client.WebClient;

/** A cached verification skips crypto, but every use still checks the route's issuers, audiences and the clock. */
class AccessTokenVerifierCacheTest {

    private static final String OTHER_RESOURCE = "https://mcp.example.com/jira/mcp";
    private static final Duration MIN_REFETCH = TokenVerifierSettings.defaults().jwksMinRefetchInterval();

    @RegisterExtension
    static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();

    private final MutableClock clock = new MutableClock(NOW);
    private AccessTokenVerifier verifier;

    @BeforeEach
    void setUp() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        AUTHORIZATION_SERVER.publishKeysAt("/other/jwks", TestKeys.RSA_2);
        verifier = new AccessTokenVerifier(
                List.of(
                        new AuthorizationServerConfig("corp", ISSUER, AUTHORIZATION_SERVER.url(JWKS_PATH)),
                        new AuthorizationServerConfig("other", OTHER_ISSUER, AUTHORIZATION_SERVER.url("/other/jwks"))),
                WebClient.create(),
                TokenVerifierSettings.defaults(),
                clock);
    }

    @AfterEach
    void tearDown() {
        verifier.close();
    }

    @Test
    void cachedTokenIsAcceptedWithoutVerifyingItsSignatureAgain() {
        String cached = token(TestKeys.RSA_1).serialize();
        assertAccepted(verifier.verify(cached, List.of("corp"), Set.of(RESOURCE)));

        // Retire rsa-1: after this refetch no fresh rsa-1 token can be verified any more.
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_2);
        clock.advance(MIN_REFETCH);
        assertAccepted(verifier.verify(token(TestKeys.RSA_2).serialize(), List.of("corp"), Set.of(RESOURCE)));
        String fresh = token(TestKeys.RSA_1).serialize();
        assertRejected(
                verifier.verify(fresh, List.of("corp"), Set.of(RESOURCE)), TokenRejection.UNKNOWN_SIGNING_KEY, fresh);

        assertAccepted(verifier.verify(cached, List.of("corp"), Set.of(RESOURCE)));
    }

    @Test
    void repeatedVerificationOfTheSameTokenFetchesKeysOnce() {
        String token = token(TestKeys.RSA_1).serialize();

        for (int i = 0; i < 10; i++) {
            assertAccepted(verifier.verify(token, List.of("corp"), Set.of(RESOURCE)));
        }

        assertThat(AUTHORIZATION_SERVER.requestsTo(JWKS_PATH)).isEqualTo(1);
    }

    @Test
    void tokenCachedForOneAudienceIsRejectedForARouteWithAnotherAudience() {
        String token = token(TestKeys.RSA_1).serialize();
        assertAccepted(verifier.verify(token, List.of("corp"), Set.of(RESOURCE)));

        assertRejected(
                verifier.verify(token, List.of("corp"), Set.of(OTHER_RESOURCE)),
                TokenRejection.AUDIENCE_MISMATCH,
                token);
        assertAccepted(verifier.verify(token, List.of("corp"), Set.of(RESOURCE)));
    }

    @Test
    void tokenCachedForOneRouteIsRejectedByARouteThatDoesNotTrustItsIssuer() {
        String token = token(TestKeys.RSA_1).serialize();
        assertAccepted(verifier.verify(token, List.of("corp"), Set.of(RESOURCE)));

        assertRejected(
                verifier.verify(token, List.of("other"), Set.of(RESOURCE)), TokenRejection.UNTRUSTED_ISSUER, token);
    }

    @Test
    void cachedTokenIsRejectedOnceExpired() {
        String token = token(TestKeys.RSA_1).expiresAt(NOW.plusSeconds(120)).serialize();
        assertAccepted(verifier.verify(token, List.of("corp"), Set.of(RESOURCE)));

        clock.advance(Duration.ofSeconds(120 + 59));
        assertAccepted(verifier.verify(token, List.of("corp"), Set.of(RESOURCE)));

        clock.advance(Duration.ofSeconds(1));
        assertRejected(verifier.verify(token, List.of("corp"), Set.of(RESOURCE)), TokenRejection.EXPIRED, token);
    }

    @Test
    void rejectedTokenIsVerifiedAgainRatherThanRememberedAsRejected() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        String token = token(TestKeys.RSA_2).serialize();
        assertAccepted(verifier.verify(token(TestKeys.RSA_1).serialize(), List.of("corp"), Set.of(RESOURCE)));
        assertRejected(
                verifier.verify(token, List.of("corp"), Set.of(RESOURCE)), TokenRejection.UNKNOWN_SIGNING_KEY, token);

        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1, TestKeys.RSA_2);
        clock.advance(MIN_REFETCH);

        assertAccepted(verifier.verify(token, List.of("corp"), Set.of(RESOURCE)));
    }
}
