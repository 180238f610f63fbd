package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpgateway.support.GatewayIntegrationTest;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Pipeline steps 4–5 against a running gateway: every bad token gets the right status and error
 * code, the description never echoes the token, and none of these requests reaches the upstream.
 */
class BearerTokenValidationIT extends GatewayIntegrationTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";

    @Test
    void requestWithoutTokenGets401ChallengeWithoutErrorCode() {
        int before = PEERS.upstream.count();
        client().post()
                .uri("/test/mcp")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(INITIALIZE)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(
                        HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer resource_metadata=\"" + PEERS.baseUrl()
                                + "/.well-known/oauth-protected-resource/test/mcp\", scope=\"mcp:access\"");
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void getAndDeleteRequireATokenToo() {
        client().get()
                .uri("/test/mcp")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client().delete()
                .uri("/test/mcp")
                .header("Mcp-Session-Id", "s1")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void tokenForAnotherAudienceIsRejected() {
        assertInvalidToken(
                PEERS.authorizationServer.token("https://other.example.com/mcp", "mcp:access"),
                "The token audience does not include this resource");
    }

    @Test
    void tokenForAConfiguredExtraAudienceIsAccepted() {
        assertReachesUpstream(PEERS.authorizationServer.token("urn:test:extra-audience", "mcp:access"));
    }

    @Test
    void tokenFromAnIssuerTheRouteDoesNotTrustIsRejected() {
        String foreign = PEERS.otherAuthorizationServer.token(PEERS.resource(), "mcp:access");
        assertInvalidToken(foreign, "The token issuer is not trusted for this resource");
    }

    @Test
    void expiredTokenIsRejected() {
        Instant past = Instant.now().minusSeconds(3600);
        assertInvalidToken(
                PEERS.authorizationServer.token(
                        PEERS.resource(),
                        "mcp:access",
                        claims -> claims.issueTime(Date.from(past))
                                .notBeforeTime(Date.from(past))
                                .expirationTime(Date.from(past.plusSeconds(600)))),
                null);
    }

    @Test
    void tokenNotYetValidIsRejected() {
        Instant future = Instant.now().plusSeconds(3600);
        assertInvalidToken(
                PEERS.authorizationServer.token(
                        PEERS.resource(),
                        "mcp:access",
                        claims -> claims.notBeforeTime(Date.from(future))
                                .expirationTime(Date.from(future.plusSeconds(600)))),
                null);
    }

    @Test
    void tokenWithBadSignatureIsRejected() throws Exception {
        String valid = validToken();
        SignedJWT parsed = SignedJWT.parse(valid);
        SignedJWT forged = new SignedJWT(parsed.getHeader(), parsed.getJWTClaimsSet());
        forged.sign(
                new RSASSASigner(new RSAKeyGenerator(2048).keyID("test-key-1").generate()));
        assertInvalidToken(forged.serialize(), null);
    }

    @Test
    void unsignedTokenWithAlgNoneIsRejected() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(validToken()).getJWTClaimsSet();
        assertInvalidToken(new PlainJWT(claims).serialize(), null);
    }

    @Test
    void hs256TokenSignedWithThePublicKeyAsSecretIsRejected() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(validToken()).getJWTClaimsSet();
        SignedJWT confused = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID("test-key-1")
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        confused.sign(new MACSigner(
                PEERS.authorizationServer.signingKey().toPublicKey().getEncoded()));
        assertInvalidToken(confused.serialize(), null);
    }

    @Test
    void malformedTokenIsRejected() {
        assertInvalidToken("not-a-jwt", null);
        assertInvalidToken("eyJhbGciOiJSUzI1NiJ9.e30.AAAA", null);
    }

    @Test
    void tokenInQueryStringGets400InvalidRequestAndIsNeverAccepted() {
        int before = PEERS.upstream.count();
        EntityExchangeResult<String> result = client().post()
                .uri("/test/mcp?access_token={t}", validToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(INITIALIZE)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult();
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .contains("error=\"invalid_request\"")
                .contains("resource_metadata=");
        // Even with a valid header token as well, a query token is refused.
        client().post()
                .uri("/test/mcp?access_token=x")
                .headers(h -> h.setBearerAuth(validToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(INITIALIZE)
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void tokenWithoutTheBaselineScopeGets403InsufficientScope() {
        int before = PEERS.upstream.count();
        client().post()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(PEERS.authorizationServer.token(PEERS.resource(), "other")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(INITIALIZE)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .valueEquals(
                        HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer resource_metadata=\""
                                + PEERS.baseUrl()
                                + "/.well-known/oauth-protected-resource/test/mcp\", scope=\"mcp:access\", "
                                + "error=\"insufficient_scope\", error_description=\"The access token lacks a scope this request requires\"");
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void unreachableAuthorizationServerGets503WithRetryAfterNot401() {
        int before = PEERS.upstream.count();
        String token = PEERS.authorizationServer.token(
                PEERS.baseUrl() + "/down/mcp", "mcp:access", claims -> claims.issuer(PEERS.unreachableIssuer));
        client().post()
                .uri("/down/mcp")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(INITIALIZE)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectHeader()
                .doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.jsonrpc")
                .isEqualTo("2.0")
                .jsonPath("$.error.code")
                .isEqualTo(-32000);
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void floodOfTokensWithUnknownKeyIdsCausesAtMostOneJwksFetch() {
        int before = PEERS.authorizationServer.jwksFetches();
        for (int i = 0; i < 50; i++) {
            String kid = java.util.UUID.randomUUID().toString();
            String token = PEERS.authorizationServer.sign(
                    claimsFor(PEERS.resource()),
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(kid)
                            .type(JOSEObjectType.JWT)
                            .build());
            client().post()
                    .uri("/test/mcp")
                    .headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(INITIALIZE)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
        assertThat(PEERS.authorizationServer.jwksFetches() - before)
                .as("unknown key ids may trigger one refetch per minimum interval, not one per token")
                .isLessThanOrEqualTo(1);
    }

    private static JWTClaimsSet claimsFor(String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(PEERS.authorizationServer.issuer())
                .subject("mallory")
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("scope", "mcp:access")
                .build();
    }

    @Test
    void validTokenReachesTheUpstream() {
        assertReachesUpstream(validToken());
    }

    private void assertReachesUpstream(String token) {
        int before = PEERS.upstream.count();
        client().post()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(INITIALIZE)
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(PEERS.upstream.count()).isEqualTo(before + 1);
    }

    private void assertInvalidToken(String token, String expectedDescription) {
        int before = PEERS.upstream.count();
        EntityExchangeResult<String> result = client().post()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(INITIALIZE)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNAUTHORIZED)
                .expectBody(String.class)
                .returnResult();
        String challenge = result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
        assertThat(challenge)
                .startsWith("Bearer resource_metadata=\"" + PEERS.baseUrl()
                        + "/.well-known/oauth-protected-resource/test/mcp\"")
                .contains("scope=\"mcp:access\"")
                .contains("error=\"invalid_token\"")
                .doesNotContain(token);
        assertThat(result.getResponseBody()).contains("invalid_token").doesNotContain(token);
        if (expectedDescription != null) {
            assertThat(challenge).contains("error_description=\"" + expectedDescription + "\"");
        }
        assertThat(PEERS.upstream.count())
                .as("rejected requests never reach the upstream")
                .isEqualTo(before);
    }
}
