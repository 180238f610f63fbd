package dev.mcpgateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A WireMock authorization server for tests: publishes a JWKS and mints RS256 access tokens.
 * Tokens default to a valid shape for a given audience; tests change one claim at a time.
 */
public final class TestAuthorizationServer implements AutoCloseable {

    public static final String JWKS_PATH = "/jwks";

    private final WireMockServer wireMock;
    private final RSAKey signingKey;

    private TestAuthorizationServer(WireMockServer wireMock, RSAKey signingKey) {
        this.wireMock = wireMock;
        this.signingKey = signingKey;
    }

    public static TestAuthorizationServer start() {
        try {
            WireMockServer wireMock =
                    new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            wireMock.start();
            RSAKey key = new RSAKeyGenerator(2048).keyID("test-key-1").generate();
            wireMock.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
            return new TestAuthorizationServer(wireMock, key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + wireMock.port() + "/issuer";
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + wireMock.port() + JWKS_PATH;
    }

    public RSAKey signingKey() {
        return signingKey;
    }

    public int jwksFetches() {
        return wireMock.findAll(getRequestedFor(urlEqualTo(JWKS_PATH))).size();
    }

    /** A valid token for {@code audience} with {@code scope}; {@code customizer} may change any claim. */
    public String token(String audience, String scope, Consumer<JWTClaimsSet.Builder> customizer) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("alice")
                .audience(List.of(audience))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", "test-client")
                .claim("scope", scope);
        customizer.accept(claims);
        return sign(
                claims.build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID())
                        .type(new JOSEObjectType("at+jwt"))
                        .build());
    }

    public String token(String audience, String scope) {
        return token(audience, scope, claims -> {});
    }

    public String sign(JWTClaimsSet claims, JWSHeader header) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        wireMock.stop();
    }
}
