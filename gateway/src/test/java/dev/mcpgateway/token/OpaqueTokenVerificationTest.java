package dev.mcpgateway.token;

import static dev.mcpgateway.token.Rejections.WAIT;
import static dev.mcpgateway.token.TestTokens.NOW;
import static dev.mcpgateway.token.TestTokens.RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.ClaimMapping;
import dev.mcpgateway.config.IntrospectionConfig;
import dev.mcpgateway.config.IntrospectionConfig.ClientAuthentication;
import dev.mcpgateway.config.TokenFormat;
import dev.mcpgateway.support.RecordedRequest;
import dev.mcpgateway.support.TestAuthorizationServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** RFC 7662 introspection of opaque tokens: only active tokens pass, and then the same rules as for JWTs. */
class OpaqueTokenVerificationTest {

    private static final String ISSUER = "https://opaque.example.test";
    private static final Set<String> THIS_RESOURCE = Set.of(RESOURCE);

    @RegisterExtension
    static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();

    private final MutableClock clock = new MutableClock(NOW);
    private RouteTokenVerifier verifier;

    @BeforeEach
    void setUp() {
        verifier = verifierFor(server(ClientAuthentication.BASIC, Duration.ofSeconds(60), null));
    }

    @AfterEach
    void tearDown() {
        verifier.close();
    }

    @Test
    void activeTokenForThisResourceIsAcceptedWithItsClaims() {
        String token = newToken();
        AUTHORIZATION_SERVER.answerIntrospection(token, active());

        TokenPrincipal principal = verify(token).block(WAIT);

        assertThat(principal.issuer()).isEqualTo(ISSUER);
        assertThat(principal.subject()).isEqualTo("alice");
        assertThat(principal.clientId()).isEqualTo("client-1");
        assertThat(principal.scopes()).containsExactly("mcp:access", "mcp:tools");
        assertThat(principal.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void inactiveTokenIsRejectedAsNotActive() {
        String token = newToken();
        AUTHORIZATION_SERVER.answerIntrospection(token, Map.of("active", false));

        assertRejected(verify(token), TokenRejection.INACTIVE);
    }

    @Test
    void activeAsAStringIsNotActive() {
        String token = newToken();
        Map<String, Object> response = active();
        response.put("active", "true");
        AUTHORIZATION_SERVER.answerIntrospection(token, response);

        assertRejected(verify(token), TokenRejection.INACTIVE);
    }

    @Test
    void expiredTokenIsRejectedEvenWhenTheServerSaysActive() {
        String token = newToken();
        Map<String, Object> response = active();
        response.put("exp", NOW.minusSeconds(120).getEpochSecond());
        response.put("iat", NOW.minusSeconds(720).getEpochSecond());
        AUTHORIZATION_SERVER.answerIntrospection(token, response);

        assertRejected(verify(token), TokenRejection.EXPIRED);
    }

    @Test
    void activeTokenWithAnOutOfRangeOrMistypedDateIsRejectedNotUnavailable() {
        for (Map.Entry<String, Object> bad : List.<Map.Entry<String, Object>>of(
                Map.entry("exp", -18446742277593213L),
                Map.entry("exp", 1.0e300),
                Map.entry("exp", String.valueOf(NOW.plusSeconds(600).getEpochSecond())),
                Map.entry("nbf", 18446745869824690L),
                Map.entry("iat", -5L),
                Map.entry("exp", List.of(1)))) {
            String token = newToken();
            Map<String, Object> response = active();
            response.put(bad.getKey(), bad.getValue());
            AUTHORIZATION_SERVER.answerIntrospection(token, response);

            assertRejected(verify(token), TokenRejection.INVALID_DATE);
        }
    }

    @Test
    void activeTokenWhoseSubjectHasControlCharactersIsRejected() {
        String token = newToken();
        Map<String, Object> response = active();
        response.put("sub", "alice\r\nX-MCP-Scopes: mcp:admin");
        AUTHORIZATION_SERVER.answerIntrospection(token, response);

        assertRejected(verify(token), TokenRejection.UNFORWARDABLE_IDENTITY);
    }

    @Test
    void activeTokenWithoutExpiryIsRejected() {
        String token = newToken();
        Map<String, Object> response = active();
        response.remove("exp");
        AUTHORIZATION_SERVER.answerIntrospection(token, response);

        assertRejected(verify(token), TokenRejection.MISSING_EXPIRY);
    }

    @Test
    void activeTokenForAnotherAudienceIsRejected() {
        String token = newToken();
        Map<String, Object> response = active();
        response.put("aud", List.of("https://mcp.example.com/other/mcp"));
        AUTHORIZATION_SERVER.answerIntrospection(token, response);

        assertRejected(verify(token), TokenRejection.AUDIENCE_MISMATCH);
    }

    @Test
    void activeTokenNamingAnotherIssuerIsRejected() {
        String token = newToken();
        Map<String, Object> response = active();
        response.put("iss", "https://evil.example");
        AUTHORIZATION_SERVER.answerIntrospection(token, response);

        assertRejected(verify(token), TokenRejection.UNTRUSTED_ISSUER);
    }

    @Test
    void responseWithoutIssuerSpeaksForTheIntrospectingServer() {
        String token = newToken();
        Map<String, Object> response = active();
        response.remove("iss");
        AUTHORIZATION_SERVER.answerIntrospection(token, response);

        assertThat(verify(token).block(WAIT).issuer()).isEqualTo(ISSUER);
    }

    @Test
    void tokenLivingLongerThanTheServersMaximumIsRejected() {
        verifier = verifierFor(server(ClientAuthentication.BASIC, Duration.ofSeconds(60), Duration.ofMinutes(5)));
        String token = newToken();
        AUTHORIZATION_SERVER.answerIntrospection(token, active());

        assertRejected(verify(token), TokenRejection.LIFETIME_TOO_LONG);
    }

    @Test
    void unreachableEndpointIsUnavailableNotInvalid() {
        AuthorizationServerConfig down = new AuthorizationServerConfig(
                "opaque",
                ISSUER,
                null,
                new IntrospectionConfig(
                        URI.create("http://127.0.0.1:" + dev.mcpgateway.support.TestPeers.freePort() + "/introspect"),
                        "gateway",
                        "secret",
                        ClientAuthentication.BASIC,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(60)),
                TokenFormat.OPAQUE,
                ClaimMapping.DEFAULTS,
                null);
        verifier = verifierFor(down);

        assertUnavailable(verify(newToken()));
    }

    @Test
    void slowEndpointTimesOutAsUnavailable() {
        verifier = verifierFor(new AuthorizationServerConfig(
                "opaque",
                ISSUER,
                null,
                new IntrospectionConfig(
                        AUTHORIZATION_SERVER.introspectionUri(),
                        "gateway",
                        "secret",
                        ClientAuthentication.BASIC,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(60)),
                TokenFormat.OPAQUE,
                ClaimMapping.DEFAULTS,
                null));
        String token = newToken();
        AUTHORIZATION_SERVER.answerIntrospection(token, active(), Duration.ofSeconds(3));

        assertUnavailable(verify(token));
    }

    @Test
    void errorStatusAndNonJsonAnswersAreUnavailable() {
        AUTHORIZATION_SERVER.failIntrospection(500, "{}");
        assertUnavailable(verify(newToken()));
        AUTHORIZATION_SERVER.failIntrospection(401, "{\"error\":\"invalid_client\"}");
        assertUnavailable(verify(newToken()));
        AUTHORIZATION_SERVER.failIntrospection(200, "<html>login</html>");
        assertUnavailable(verify(newToken()));
    }

    @Test
    void unavailabilityIsNotCached() {
        String token = newToken();
        AUTHORIZATION_SERVER.failIntrospection(503, "");
        assertUnavailable(verify(token));

        AUTHORIZATION_SERVER.reset();
        AUTHORIZATION_SERVER.answerIntrospection(token, active());
        assertThat(verify(token).block(WAIT)).isNotNull();
    }

    @Test
    void basicClientAuthenticationSendsFormEncodedCredentialsInTheHeaderOnly() {
        verifier = verifierFor(server("gateway client", "s3cr:t+", ClientAuthentication.BASIC));
        String token = newToken();
        AUTHORIZATION_SERVER.answerIntrospection(token, active());

        verify(token).block(WAIT);

        RecordedRequest request = AUTHORIZATION_SERVER.introspectionRequests().get(0);
        String expected =
                Base64.getEncoder().encodeToString("gateway+client:s3cr%3At%2B".getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("Authorization")).isEqualTo("Basic " + expected);
        assertThat(request.body())
                .contains("token_type_hint=access_token")
                .doesNotContain("client_secret")
                .doesNotContain("client_id");
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    }

    @Test
    void postClientAuthenticationSendsCredentialsInTheBody() {
        verifier = verifierFor(server("gateway", "s3cret", ClientAuthentication.POST));
        String token = newToken();
        AUTHORIZATION_SERVER.answerIntrospection(token, active());

        verify(token).block(WAIT);

        RecordedRequest request = AUTHORIZATION_SERVER.introspectionRequests().get(0);
        assertThat(request.headers().contains("Authorization")).isFalse();
        assertThat(request.body()).contains("client_id=gateway").contains("client_secret=s3cret");
    }

    @Test
    void activeResultIsReusedWithoutAnotherCall() {
        String token = newToken();
        AUTHORIZATION_SERVER.answerIntrospection(token, active());

        verify(token).block(WAIT);
        verify(token).block(WAIT);
        clock.advance(Duration.ofSeconds(59));
        verify(token).block(WAIT);

        assertThat(AUTHORIZATION_SERVER.introspectionCalls()).isEqualTo(1);
    }

    @Test
    void twentyConcurrentRequestsWithOneNewTokenCauseOneCall() {
        String token = newToken();
        AUTHORIZATION_SERVER.answerIntrospection(token, active(), Duration.ofMillis(300));

        List<TokenPrincipal> principals =
                Flux.range(0, 20).flatMap(i -> verify(token), 20).collectList().block(WAIT);

        assertThat(principals).hasSize(20);
        assertThat(AUTHORIZATION_SERVER.introspectionCalls()).isEqualTo(1);
    }

    @Test
    void activeResultIsNotReusedPastTheCacheTtl() {
        String token = newToken();
        AUTHORIZATION_SERVER.answerIntrospection(token, active());

        verify(token).block(WAIT);
        clock.advance(Duration.ofSeconds(61));
        verify(token).block(WAIT);

        assertThat(AUTHORIZATION_SERVER.introspectionCalls()).isEqualTo(2);
    }

    @Test
    void activeResultIsNotReusedPastTheTokensExpiry() {
        String token = newToken();
        Map<String, Object> response = active();
        response.put("exp", NOW.plusSeconds(20).getEpochSecond());
        AUTHORIZATION_SERVER.answerIntrospection(token, response);

        verify(token).block(WAIT);
        clock.advance(Duration.ofSeconds(21));
        verify(token).block(WAIT);

        assertThat(AUTHORIZATION_SERVER.introspectionCalls())
                .as("asked again once exp has passed (the clock skew still accepts it)")
                .isEqualTo(2);
    }

    @Test
    void inactiveResultIsReusedOnlyBriefly() {
        String token = newToken();
        AUTHORIZATION_SERVER.answerIntrospection(token, Map.of("active", false));

        assertRejected(verify(token), TokenRejection.INACTIVE);
        assertRejected(verify(token), TokenRejection.INACTIVE);
        assertThat(AUTHORIZATION_SERVER.introspectionCalls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(TokenIntrospector.NEGATIVE_TTL_SECONDS + 1));
        assertRejected(verify(token), TokenRejection.INACTIVE);
        assertThat(AUTHORIZATION_SERVER.introspectionCalls()).isEqualTo(2);
    }

    @Test
    void cachedResultIsCheckedAgainstEachRoutesAudiences() {
        String token = newToken();
        AUTHORIZATION_SERVER.answerIntrospection(token, active());
        verify(token).block(WAIT);

        assertRejected(
                verifier.verify(token, List.of("opaque"), Set.of("https://mcp.example.com/other/mcp")),
                TokenRejection.AUDIENCE_MISMATCH);
        assertThat(AUTHORIZATION_SERVER.introspectionCalls()).isEqualTo(1);
    }

    @Test
    void routeWithoutAnIntrospectingServerRefusesOpaqueTokensWithoutAnyCall() {
        assertRejected(verifier.verify(newToken(), List.of("unknown"), THIS_RESOURCE), TokenRejection.MALFORMED);
        assertThat(AUTHORIZATION_SERVER.totalRequests()).isZero();
    }

    private Mono<TokenPrincipal> verify(String token) {
        return verifier.verify(token, List.of("opaque"), THIS_RESOURCE);
    }

    private RouteTokenVerifier verifierFor(AuthorizationServerConfig server) {
        if (verifier != null) {
            verifier.close();
        }
        return new RouteTokenVerifier(List.of(server), WebClient.create(), TokenVerifierSettings.defaults(), clock);
    }

    private static AuthorizationServerConfig server(
            ClientAuthentication auth, Duration cacheTtl, Duration maxLifetime) {
        return new AuthorizationServerConfig(
                "opaque",
                ISSUER,
                null,
                new IntrospectionConfig(
                        AUTHORIZATION_SERVER.introspectionUri(),
                        "gateway",
                        "secret",
                        auth,
                        Duration.ofSeconds(5),
                        cacheTtl),
                TokenFormat.OPAQUE,
                ClaimMapping.DEFAULTS,
                maxLifetime);
    }

    private static AuthorizationServerConfig server(String clientId, String secret, ClientAuthentication auth) {
        return new AuthorizationServerConfig(
                "opaque",
                ISSUER,
                null,
                new IntrospectionConfig(
                        AUTHORIZATION_SERVER.introspectionUri(),
                        clientId,
                        secret,
                        auth,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(60)),
                TokenFormat.OPAQUE,
                ClaimMapping.DEFAULTS,
                null);
    }

    static String newToken() {
        return "opaque-" + UUID.randomUUID();
    }

    /** An RFC 7662 §2.2 response for a token of {@link #ISSUER}, issued at {@code NOW} for ten minutes. */
    private static Map<String, Object> active() {
        Instant now = NOW;
        Map<String, Object> response = new HashMap<>();
        response.put("active", true);
        response.put("iss", ISSUER);
        response.put("sub", "alice");
        response.put("client_id", "client-1");
        response.put("aud", RESOURCE);
        response.put("scope", "mcp:access mcp:tools");
        response.put("token_type", "Bearer");
        response.put("iat", now.getEpochSecond());
        response.put("exp", now.plusSeconds(600).getEpochSecond());
        return response;
    }

    private static void assertRejected(Mono<TokenPrincipal> verification, TokenRejection expected) {
        StepVerifier.create(verification)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(InvalidBearerTokenException.class);
                    assertThat(((InvalidBearerTokenException) error).getError().getDescription())
                            .isEqualTo(expected.description());
                })
                .verify(WAIT);
    }

    private static void assertUnavailable(Mono<TokenPrincipal> verification) {
        StepVerifier.create(verification)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(AuthenticationServiceException.class)
                        .hasNoCause())
                .verify(WAIT);
    }
}
