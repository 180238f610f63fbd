package dev.mcpgateway.token;

import static dev.mcpgateway.token.Rejections.assertAccepted;
import static dev.mcpgateway.token.Rejections.assertRejected;
import static dev.mcpgateway.token.TestTokens.ISSUER;
import static dev.mcpgateway.token.TestTokens.NOW;
import static dev.mcpgateway.token.TestTokens.OTHER_ISSUER;
import static dev.mcpgateway.token.TestTokens.RESOURCE;
import static dev.mcpgateway.token.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.support.TestAuthorizationServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** The security rules of access-token verification, one rule per test, against a WireMock JWKS endpoint. */
class AccessTokenVerifierTest {

    private static final List<String> CORP_ONLY = List.of("corp");
    private static final Set<String> THIS_RESOURCE = Set.of(RESOURCE);

    @RegisterExtension
    static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();

    private MutableClock clock;
    private AccessTokenVerifier verifier;

    @BeforeEach
    void setUp() {
        AUTHORIZATION_SERVER.publishKeys(
                TestKeys.RSA_1,
                TestKeys.EC_P256,
                TestKeys.EC_P384,
                TestKeys.EC_P521,
                TestKeys.ED25519,
                TestKeys.RSA_WEAK);
        clock = new MutableClock(NOW);
        verifier = new AccessTokenVerifier(
                List.of(
                        new AuthorizationServerConfig(
                                "corp", ISSUER, AUTHORIZATION_SERVER.url(TestAuthorizationServer.JWKS_PATH)),
                        new AuthorizationServerConfig("other", OTHER_ISSUER, AUTHORIZATION_SERVER.url("/other/jwks"))),
                WebClient.create(),
                TokenVerifierSettings.defaults(),
                clock);
    }

    @AfterEach
    void tearDown() {
        verifier.close();
    }

    private Mono<Jwt> verify(String token) {
        return verifier.verify(token, CORP_ONLY, THIS_RESOURCE);
    }

    @Test
    void rs256TokenForThisResourceIsAccepted() {
        String token = token(TestKeys.RSA_1).serialize();

        Jwt jwt = assertAccepted(verify(token));

        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo(ISSUER);
        assertThat(jwt.getAudience()).containsExactly(RESOURCE);
        assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("mcp:access");
        assertThat(jwt.getTokenValue()).isEqualTo(token);
        assertThat(jwt.getHeaders()).containsEntry("kid", "rsa-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
    void everyAllowedRsaAlgorithmIsAccepted(String algorithm) {
        String token =
                token(TestKeys.RSA_1).algorithm(JWSAlgorithm.parse(algorithm)).serialize();

        assertAccepted(verify(token));
    }

    @Test
    void es256TokenIsAccepted() {
        assertAccepted(
                verify(token(TestKeys.EC_P256).algorithm(JWSAlgorithm.ES256).serialize()));
    }

    @Test
    void es384AndEs512TokensAreAccepted() {
        assertAccepted(
                verify(token(TestKeys.EC_P384).algorithm(JWSAlgorithm.ES384).serialize()));
        assertAccepted(
                verify(token(TestKeys.EC_P521).algorithm(JWSAlgorithm.ES512).serialize()));
    }

    @Test
    void ps256TokenIsAccepted() {
        assertAccepted(
                verify(token(TestKeys.RSA_1).algorithm(JWSAlgorithm.PS256).serialize()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EdDSA", "Ed25519"})
    void ed25519TokenIsAccepted(String algorithm) {
        assertAccepted(verify(
                token(TestKeys.ED25519).algorithm(JWSAlgorithm.parse(algorithm)).serialize()));
    }

    @Test
    void es256TokenSignedWithTheWrongCurveIsRejected() {
        String[] parts = token(TestKeys.EC_P384).serialize().split("\\.");
        String token = base64Url("{\"alg\":\"ES256\",\"kid\":\"ec-384\"}") + "." + parts[1] + "." + parts[2];

        assertRejected(verify(token), TokenRejection.INVALID_SIGNATURE, token);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"at+jwt", "AT+JWT", "application/at+jwt", "Application/AT+JWT", "JWT", "jwt", "application/jwt"})
    void accessTokenAndJwtTypesAreAccepted(String type) {
        assertAccepted(verify(token(TestKeys.RSA_1).type(type).serialize()));
    }

    @Test
    void tokenWithoutTypIsAccepted() {
        assertAccepted(verify(token(TestKeys.RSA_1).type(null).serialize()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JOSE", "dpop+jwt", "logout+jwt", "secevent+jwt", "id_token+jwt", "application/json", ""})
    void tokenWithAnotherTypIsRejected(String type) {
        String token = token(TestKeys.RSA_1).type(type).serialize();

        assertRejected(verify(token), TokenRejection.TYPE_NOT_ACCEPTED, token);
        assertThat(AUTHORIZATION_SERVER.totalRequests()).isZero();
    }

    @Test
    void tokenWithWrongAudienceIsRejected() {
        String token = token(TestKeys.RSA_1)
                .audience("https://mcp.example.com/other/mcp")
                .serialize();

        assertRejected(verify(token), TokenRejection.AUDIENCE_MISMATCH, token);
    }

    @Test
    void tokenWithoutAudienceIsRejected() {
        String token = token(TestKeys.RSA_1).audience().serialize();

        assertRejected(verify(token), TokenRejection.AUDIENCE_MISMATCH, token);
    }

    @Test
    void tokenForAnExtraConfiguredAudienceIsAccepted() {
        String token = token(TestKeys.RSA_1).audience("github-mcp").serialize();

        assertAccepted(verifier.verify(token, CORP_ONLY, Set.of(RESOURCE, "github-mcp")));
    }

    @Test
    void tokenWithSeveralAudiencesIncludingThisResourceIsAccepted() {
        String token = token(TestKeys.RSA_1)
                .audience("https://elsewhere.example", RESOURCE)
                .serialize();

        assertAccepted(verify(token));
    }

    @Test
    void audienceSchemeAndHostCompareCaseInsensitively() {
        String token = token(TestKeys.RSA_1)
                .audience("HTTPS://MCP.Example.COM/github/mcp")
                .serialize();

        assertAccepted(verify(token));
    }

    @Test
    void audiencePathComparesCaseSensitively() {
        String token = token(TestKeys.RSA_1)
                .audience("https://mcp.example.com/GitHub/mcp")
                .serialize();

        assertRejected(verify(token), TokenRejection.AUDIENCE_MISMATCH, token);
    }

    @Test
    void audienceWithTrailingSlashIsRejected() {
        String token = token(TestKeys.RSA_1).audience(RESOURCE + "/").serialize();

        assertRejected(verify(token), TokenRejection.AUDIENCE_MISMATCH, token);
    }

    @Test
    void tokenFromUnknownIssuerIsRejectedWithoutAnyNetworkCall() {
        String token = token(TestKeys.RSA_1).issuer("https://evil.example").serialize();

        assertRejected(verify(token), TokenRejection.UNTRUSTED_ISSUER, token);
        assertThat(AUTHORIZATION_SERVER.totalRequests()).isZero();
    }

    @Test
    void tokenFromKnownIssuerThatThisRouteDoesNotTrustIsRejectedWithoutAnyNetworkCall() {
        String token = token(TestKeys.RSA_1).issuer(OTHER_ISSUER).serialize();

        assertRejected(verify(token), TokenRejection.UNTRUSTED_ISSUER, token);
        assertThat(AUTHORIZATION_SERVER.totalRequests()).isZero();
    }

    @Test
    void tokenFromAnotherTrustedIssuerIsVerifiedWithThatIssuersKeys() {
        AUTHORIZATION_SERVER.publishKeysAt("/other/jwks", TestKeys.RSA_2);
        String token = token(TestKeys.RSA_2).issuer(OTHER_ISSUER).serialize();

        assertAccepted(verifier.verify(token, List.of("corp", "other"), THIS_RESOURCE));
        assertThat(AUTHORIZATION_SERVER.requestsTo("/other/jwks")).isEqualTo(1);
        assertThat(AUTHORIZATION_SERVER.requestsTo(TestAuthorizationServer.JWKS_PATH))
                .isZero();
    }

    @Test
    void tokenSignedByOneIssuersKeyButClaimingAnotherIssuerIsRejected() {
        AUTHORIZATION_SERVER.publishKeysAt("/other/jwks", TestKeys.RSA_2);
        String token = token(TestKeys.RSA_2).issuer(ISSUER).serialize();

        assertRejected(
                verifier.verify(token, List.of("corp", "other"), THIS_RESOURCE),
                TokenRejection.UNKNOWN_SIGNING_KEY,
                token);
    }

    @Test
    void issuerIsComparedExactly() {
        String token = token(TestKeys.RSA_1).issuer(ISSUER + "/").serialize();

        assertRejected(verify(token), TokenRejection.UNTRUSTED_ISSUER, token);
    }

    @Test
    void tokenWithoutIssuerIsRejected() {
        String token = token(TestKeys.RSA_1).issuer(null).serialize();

        assertRejected(verify(token), TokenRejection.UNTRUSTED_ISSUER, token);
    }

    @Test
    void routeTrustingNoConfiguredServerRejectsEveryToken() {
        String token = token(TestKeys.RSA_1).serialize();

        assertRejected(
                verifier.verify(token, List.of("unknown"), THIS_RESOURCE), TokenRejection.UNTRUSTED_ISSUER, token);
    }

    @Test
    void expiredTokenIsRejected() {
        String token = token(TestKeys.RSA_1)
                .issuedAt(NOW.minusSeconds(600))
                .expiresAt(NOW.minusSeconds(61))
                .serialize();

        assertRejected(verify(token), TokenRejection.EXPIRED, token);
        assertThat(AUTHORIZATION_SERVER.totalRequests()).isZero();
    }

    @Test
    void tokenExpiredWithinClockSkewIsAccepted() {
        String token = token(TestKeys.RSA_1)
                .issuedAt(NOW.minusSeconds(600))
                .expiresAt(NOW.minusSeconds(59))
                .serialize();

        assertAccepted(verify(token));
    }

    @Test
    void tokenExpiringExactlyAtTheEndOfTheSkewIsRejected() {
        String token = token(TestKeys.RSA_1)
                .issuedAt(NOW.minusSeconds(600))
                .expiresAt(NOW.minusSeconds(60))
                .serialize();

        assertRejected(verify(token), TokenRejection.EXPIRED, token);
    }

    @Test
    void tokenNotValidYetIsRejected() {
        String token = token(TestKeys.RSA_1).notBefore(NOW.plusSeconds(61)).serialize();

        assertRejected(verify(token), TokenRejection.NOT_YET_VALID, token);
    }

    @Test
    void tokenNotValidYetWithinClockSkewIsAccepted() {
        assertAccepted(
                verify(token(TestKeys.RSA_1).notBefore(NOW.plusSeconds(60)).serialize()));
    }

    @Test
    void tokenWithoutExpiryIsRejected() {
        String token = token(TestKeys.RSA_1).expiresAt(null).serialize();

        assertRejected(verify(token), TokenRejection.MISSING_EXPIRY, token);
    }

    @Test
    void tokenExpiryUsesTheInjectedClock() {
        String token = token(TestKeys.RSA_1).serialize();
        assertAccepted(verify(token));

        clock.advance(Duration.ofMinutes(11));

        assertRejected(verify(token), TokenRejection.EXPIRED, token);
    }

    @Test
    void tokenWithTamperedPayloadIsRejected() throws Exception {
        String[] parts = token(TestKeys.RSA_1).serialize().split("\\.");
        JWTClaimsSet forged = new JWTClaimsSet.Builder(
                        SignedJWT.parse(String.join(".", parts)).getJWTClaimsSet())
                .subject("admin")
                .build();
        String token = parts[0] + "." + base64Url(forged.toString()) + "." + parts[2];

        assertRejected(verify(token), TokenRejection.INVALID_SIGNATURE, token);
    }

    @Test
    void tokenSignedByAnotherKeyWithAKnownKeyIdIsRejected() {
        String token = token(TestKeys.RSA_IMPOSTOR).serialize();

        assertRejected(verify(token), TokenRejection.INVALID_SIGNATURE, token);
    }

    @Test
    void tokenWithUnknownKeyIdIsRejected() {
        String token = token(TestKeys.RSA_2).serialize();

        assertRejected(verify(token), TokenRejection.UNKNOWN_SIGNING_KEY, token);
    }

    @Test
    void tokenSignedWithAKeyBelow2048BitsIsRejected() {
        String token = token(TestKeys.RSA_WEAK).serialize();

        assertRejected(verify(token), TokenRejection.UNKNOWN_SIGNING_KEY, token);
    }

    @Test
    void tokenWithoutKeyIdIsVerifiedAgainstEveryMatchingKey() {
        assertAccepted(verify(token(TestKeys.RSA_1).keyId(null).serialize()));
    }

    @Test
    void rsaAlgorithmNamingAnEcKeyIsRejected() {
        String token = token(TestKeys.RSA_1).keyId("ec-256").serialize();

        assertRejected(verify(token), TokenRejection.UNKNOWN_SIGNING_KEY, token);
    }

    @Test
    void tokenWithUnknownCriticalHeaderIsRejected() {
        String token =
                token(TestKeys.RSA_1).critical("urn:example:must-understand").serialize();

        assertRejected(verify(token), TokenRejection.INVALID_SIGNATURE, token);
    }

    @Test
    void ed25519TokenWithUnknownCriticalHeaderIsRejected() {
        String token =
                token(TestKeys.ED25519).critical("urn:example:must-understand").serialize();

        assertRejected(verify(token), TokenRejection.INVALID_SIGNATURE, token);
    }

    @Test
    void unsignedTokenWithAlgNoneIsRejectedWithoutAnyNetworkCall() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(RESOURCE)
                .subject("alice")
                .expirationTime(Date.from(NOW.plusSeconds(300)))
                .build();
        String token = new PlainJWT(claims).serialize();

        assertRejected(verify(token), TokenRejection.ALGORITHM_NOT_ALLOWED, token);
        assertThat(AUTHORIZATION_SERVER.totalRequests()).isZero();
    }

    @Test
    void algNoneHeaderWithASignatureIsRejected() {
        String[] parts = token(TestKeys.RSA_1).serialize().split("\\.");
        String token = base64Url("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2];

        assertRejected(verify(token), TokenRejection.MALFORMED, token);
    }

    @Test
    void hs256TokenUsingThePublicKeyAsHmacSecretIsRejectedWithoutAnyNetworkCall() throws JOSEException {
        byte[] publicKeyDer = TestKeys.RSA_1.toRSAPublicKey().getEncoded();
        String token = token(TestKeys.RSA_1)
                .algorithm(JWSAlgorithm.HS256)
                .signer(new MACSigner(publicKeyDer))
                .serialize();

        assertRejected(verify(token), TokenRejection.ALGORITHM_NOT_ALLOWED, token);
        assertThat(AUTHORIZATION_SERVER.totalRequests()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void everyHmacAlgorithmIsRejected(String algorithm) throws JOSEException {
        byte[] secret = TestKeys.RSA_1.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        String token = token(TestKeys.RSA_1)
                .algorithm(JWSAlgorithm.parse(algorithm))
                .signer(new MACSigner(secret))
                .serialize();

        assertRejected(verify(token), TokenRejection.ALGORITHM_NOT_ALLOWED, token);
    }

    @Test
    void es256kTokenIsRejected() {
        String[] parts = token(TestKeys.EC_P256).serialize().split("\\.");
        String token = base64Url("{\"alg\":\"ES256K\",\"kid\":\"ec-256\"}") + "." + parts[1] + "." + parts[2];

        assertRejected(verify(token), TokenRejection.ALGORITHM_NOT_ALLOWED, token);
    }

    @Test
    void encryptedTokenIsRejectedAsMalformed() throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(RESOURCE)
                .expirationTime(Date.from(NOW.plusSeconds(300)))
                .build();
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM), claims);
        jwe.encrypt(new RSAEncrypter(TestKeys.RSA_1));
        String token = jwe.serialize();

        assertRejected(verify(token), TokenRejection.MALFORMED, token);
        assertThat(AUTHORIZATION_SERVER.totalRequests()).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "garbage",
                "a.b.c",
                "eyJhbGciOiJSUzI1NiJ9",
                "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
                "eyJhbGciOiJSUzI1NiJ9.W10.c2ln",
                "e30.e30.c2ln"
            })
    void malformedTokenIsRejectedWithoutAnyNetworkCall(String token) {
        assertRejected(verify(token), TokenRejection.MALFORMED, token);
        assertThat(AUTHORIZATION_SERVER.totalRequests()).isZero();
    }

    @Test
    void nullTokenIsRejectedAsMalformed() {
        assertRejected(verify(null), TokenRejection.MALFORMED, null);
    }

    @Test
    void tokenWithNonNumericExpiryIsRejectedAsAnInvalidDate() {
        String[] parts = token(TestKeys.RSA_1).serialize().split("\\.");
        String payload = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + RESOURCE + "\",\"exp\":\"tomorrow\"}";
        String token = parts[0] + "." + base64Url(payload) + "." + parts[2];

        assertRejected(verify(token), TokenRejection.INVALID_DATE, token);
    }

    @Test
    void serversWithTheSameNameOrIssuerAreRefused() {
        URI jwks = AUTHORIZATION_SERVER.url(TestAuthorizationServer.JWKS_PATH);
        List<AuthorizationServerConfig> sameName = List.of(
                new AuthorizationServerConfig("corp", ISSUER, jwks),
                new AuthorizationServerConfig("corp", OTHER_ISSUER, jwks));
        List<AuthorizationServerConfig> sameIssuer = List.of(
                new AuthorizationServerConfig("corp", ISSUER, jwks),
                new AuthorizationServerConfig("copy", ISSUER, jwks));

        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new AccessTokenVerifier(sameName, WebClient.create(), TokenVerifierSettings.defaults(), clock));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AccessTokenVerifier(
                        sameIssuer, WebClient.create(), TokenVerifierSettings.defaults(), clock));
    }

    @Test
    void verificationIsLazyUntilSubscribed() {
        Mono<Jwt> pending = verify(token(TestKeys.RSA_1).serialize());

        assertThat(AUTHORIZATION_SERVER.totalRequests()).isZero();
        assertAccepted(pending);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
