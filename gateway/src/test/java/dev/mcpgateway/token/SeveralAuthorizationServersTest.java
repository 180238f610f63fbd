package dev.mcpgateway.token;

import static dev.mcpgateway.token.Rejections.WAIT;
import static dev.mcpgateway.token.TestTokens.ISSUER;
import static dev.mcpgateway.token.TestTokens.NOW;
import static dev.mcpgateway.token.TestTokens.RESOURCE;
import static dev.mcpgateway.token.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.ClaimMapping;
import dev.mcpgateway.config.IntrospectionConfig;
import dev.mcpgateway.config.IntrospectionConfig.ClientAuthentication;
import dev.mcpgateway.config.TokenFormat;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** One route trusting a JWT server and opaque servers: each token goes to its own server, and only there. */
class SeveralAuthorizationServersTest {

    private static final String OPAQUE_ISSUER = "https://opaque.example.test";
    private static final String SECOND_ISSUER = "https://second.example.test";
    private static final Set<String> THIS_RESOURCE = Set.of(RESOURCE);

    @RegisterExtension
    static final TestAuthorizationServer JWT_SERVER = TestAuthorizationServer.start();

    @RegisterExtension
    static final TestAuthorizationServer OPAQUE_SERVER = TestAuthorizationServer.start();

    @RegisterExtension
    static final TestAuthorizationServer SECOND_SERVER = TestAuthorizationServer.start();

    private final MutableClock clock = new MutableClock(NOW);
    private RouteTokenVerifier verifier;

    @BeforeEach
    void setUp() {
        JWT_SERVER.publishKeys(TestKeys.RSA_1);
        verifier = new RouteTokenVerifier(
                List.of(
                        new AuthorizationServerConfig(
                                "corp",
                                ISSUER,
                                JWT_SERVER.url(TestAuthorizationServer.JWKS_PATH),
                                null,
                                TokenFormat.JWT,
                                ClaimMapping.DEFAULTS,
                                Duration.ofMinutes(15)),
                        introspecting("opaque", OPAQUE_ISSUER, OPAQUE_SERVER.introspectionUri(), TokenFormat.OPAQUE),
                        introspecting("second", SECOND_ISSUER, SECOND_SERVER.introspectionUri(), TokenFormat.AUTO)),
                WebClient.create(),
                TokenVerifierSettings.defaults(),
                clock);
    }

    @AfterEach
    void tearDown() {
        verifier.close();
    }

    @Test
    void jwtIsVerifiedWithItsIssuersKeysAndNeverIntrospected() {
        TokenPrincipal principal = verify(token(TestKeys.RSA_1).serialize()).block(WAIT);

        assertThat(principal.issuer()).isEqualTo(ISSUER);
        assertThat(JWT_SERVER.requestsTo(TestAuthorizationServer.JWKS_PATH)).isEqualTo(1);
        assertThat(OPAQUE_SERVER.totalRequests() + SECOND_SERVER.totalRequests())
                .isZero();
    }

    @Test
    void opaqueTokenIsIntrospectedAndNeverCausesAKeyFetch() {
        String token = OpaqueTokenVerificationTest.newToken();
        OPAQUE_SERVER.answerIntrospection(token, active(OPAQUE_ISSUER));

        assertThat(verify(token).block(WAIT).issuer()).isEqualTo(OPAQUE_ISSUER);
        assertThat(OPAQUE_SERVER.introspectionCalls()).isEqualTo(1);
        assertThat(SECOND_SERVER.introspectionCalls())
                .as("the first server said active")
                .isZero();
        assertThat(JWT_SERVER.totalRequests()).isZero();
    }

    @Test
    void jwtFromAnUntrustedIssuerIsRejectedWithoutAnyNetworkCall() {
        String token = token(TestKeys.RSA_1).issuer("https://evil.example").serialize();

        assertRejected(verify(token), TokenRejection.UNTRUSTED_ISSUER);
        assertThat(JWT_SERVER.totalRequests() + OPAQUE_SERVER.totalRequests() + SECOND_SERVER.totalRequests())
                .isZero();
    }

    @Test
    void jwtOfAServerTheRouteDoesNotTrustIsRejectedWithoutAnyNetworkCall() {
        String token = token(TestKeys.RSA_1).serialize();

        assertRejected(verifier.verify(token, List.of("opaque"), THIS_RESOURCE), TokenRejection.UNTRUSTED_ISSUER);
        assertThat(JWT_SERVER.totalRequests() + OPAQUE_SERVER.totalRequests() + SECOND_SERVER.totalRequests())
                .isZero();
    }

    @Test
    void jwtNamingAnOpaqueFormatServerIsIntrospectedThereOnly() {
        String token = token(TestKeys.RSA_1).issuer(OPAQUE_ISSUER).serialize();
        OPAQUE_SERVER.answerIntrospection(token, active(OPAQUE_ISSUER));

        assertThat(verify(token).block(WAIT).issuer()).isEqualTo(OPAQUE_ISSUER);
        assertThat(JWT_SERVER.totalRequests() + SECOND_SERVER.totalRequests()).isZero();
    }

    @Test
    void opaqueTokenInactiveAtTheFirstServerIsAskedOfTheNext() {
        String token = OpaqueTokenVerificationTest.newToken();
        OPAQUE_SERVER.answerIntrospection(token, Map.of("active", false));
        SECOND_SERVER.answerIntrospection(token, active(SECOND_ISSUER));

        assertThat(verify(token).block(WAIT).issuer()).isEqualTo(SECOND_ISSUER);
        assertThat(OPAQUE_SERVER.introspectionCalls()).isEqualTo(1);
        assertThat(SECOND_SERVER.introspectionCalls()).isEqualTo(1);
    }

    @Test
    void opaqueTokenInactiveEverywhereIsRejected() {
        String token = OpaqueTokenVerificationTest.newToken();
        OPAQUE_SERVER.answerIntrospection(token, Map.of("active", false));
        SECOND_SERVER.answerIntrospection(token, Map.of("active", false));

        assertRejected(verify(token), TokenRejection.INACTIVE);
    }

    @Test
    void activeTokenBreakingARuleAtTheFirstServerIsNotAskedOfTheNext() {
        String token = OpaqueTokenVerificationTest.newToken();
        Map<String, Object> response = active(OPAQUE_ISSUER);
        response.put("aud", "https://elsewhere.example");
        OPAQUE_SERVER.answerIntrospection(token, response);
        SECOND_SERVER.answerIntrospection(token, active(SECOND_ISSUER));

        assertRejected(verify(token), TokenRejection.AUDIENCE_MISMATCH);
        assertThat(SECOND_SERVER.introspectionCalls()).isZero();
    }

    @Test
    void unreachableFirstServerDoesNotStopAnActiveAnswerFromTheNext() {
        String token = OpaqueTokenVerificationTest.newToken();
        OPAQUE_SERVER.failIntrospection(503, "");
        SECOND_SERVER.answerIntrospection(token, active(SECOND_ISSUER));

        assertThat(verify(token).block(WAIT).issuer()).isEqualTo(SECOND_ISSUER);
    }

    @Test
    void unreachableServerAndInactiveElsewhereIsUnavailableNotInvalid() {
        String token = OpaqueTokenVerificationTest.newToken();
        OPAQUE_SERVER.failIntrospection(503, "");
        SECOND_SERVER.answerIntrospection(token, Map.of("active", false));

        StepVerifier.create(verify(token))
                .expectError(AuthenticationServiceException.class)
                .verify(WAIT);
    }

    @Test
    void jwtLivingLongerThanItsIssuersMaximumIsRejected() {
        String token = token(TestKeys.RSA_1)
                .issuedAt(NOW)
                .expiresAt(NOW.plus(Duration.ofHours(1)))
                .serialize();

        assertRejected(verify(token), TokenRejection.LIFETIME_TOO_LONG);
        assertThat(JWT_SERVER.totalRequests())
                .as("refused before any key fetch")
                .isZero();
    }

    @Test
    void jwtFoundInTheCacheIsStillCheckedForEachRoutesIssuersAudienceAndTime() {
        String token = token(TestKeys.RSA_1).expiresAt(NOW.plusSeconds(120)).serialize();
        assertThat(verify(token).block(WAIT).issuer()).isEqualTo(ISSUER);

        assertRejected(
                verifier.verify(token, List.of("opaque", "second"), THIS_RESOURCE), TokenRejection.UNTRUSTED_ISSUER);
        assertRejected(
                verifier.verify(token, List.of("corp"), Set.of("https://mcp.example.com/jira/mcp")),
                TokenRejection.AUDIENCE_MISMATCH);
        assertThat(verifier.verify(token, List.of("corp"), THIS_RESOURCE)
                        .block(WAIT)
                        .subject())
                .isEqualTo("alice");
        clock.advance(Duration.ofSeconds(120)
                .plus(TokenVerifierSettings.defaults().clockSkew())
                .plusSeconds(1));
        assertRejected(verify(token), TokenRejection.EXPIRED);

        assertThat(JWT_SERVER.requestsTo(TestAuthorizationServer.JWKS_PATH))
                .as("verified once, then served from the cache")
                .isEqualTo(1);
        assertThat(OPAQUE_SERVER.totalRequests() + SECOND_SERVER.totalRequests())
                .isZero();
    }

    @Test
    void jwtOfAnOpaqueFormatServerIsNeverServedFromTheVerifiedTokenCache() {
        String token = token(TestKeys.RSA_1).issuer(OPAQUE_ISSUER).serialize();
        OPAQUE_SERVER.answerIntrospection(token, active(OPAQUE_ISSUER));
        assertThat(verify(token).block(WAIT).issuer()).isEqualTo(OPAQUE_ISSUER);

        // Revoked: once the introspection result expires, the server's answer decides again.
        OPAQUE_SERVER.answerIntrospection(token, Map.of("active", false));
        clock.advance(Duration.ofSeconds(61));

        assertRejected(verify(token), TokenRejection.INACTIVE);
        assertThat(OPAQUE_SERVER.introspectionCalls()).isEqualTo(2);
        assertThat(JWT_SERVER.totalRequests()).isZero();
    }

    private Mono<TokenPrincipal> verify(String token) {
        return verifier.verify(token, List.of("corp", "opaque", "second"), THIS_RESOURCE);
    }

    private static AuthorizationServerConfig introspecting(String name, String issuer, URI uri, TokenFormat format) {
        return new AuthorizationServerConfig(
                name,
                issuer,
                URI.create("http://127.0.0.1:" + TestPeers.freePort() + "/jwks"),
                new IntrospectionConfig(
                        uri,
                        "gateway",
                        "secret",
                        ClientAuthentication.BASIC,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(60)),
                format,
                ClaimMapping.DEFAULTS,
                null);
    }

    private static Map<String, Object> active(String issuer) {
        Map<String, Object> response = new java.util.HashMap<>();
        response.put("active", true);
        response.put("iss", issuer);
        response.put("sub", "bob");
        response.put("aud", RESOURCE);
        response.put("scope", "mcp:access");
        response.put("iat", NOW.getEpochSecond());
        response.put("exp", NOW.plusSeconds(300).getEpochSecond());
        return response;
    }

    private static void assertRejected(Mono<TokenPrincipal> verification, TokenRejection expected) {
        StepVerifier.create(verification)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(InvalidBearerTokenException.class)
                        .hasMessage(expected.description()))
                .verify(WAIT);
    }
}
