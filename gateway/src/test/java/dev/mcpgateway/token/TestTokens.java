package dev.mcpgateway.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Builds signed access tokens for tests; every token gets a fresh {@code jti}, so no two are equal. */
final class TestTokens {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String ISSUER = "https://auth.example.test/realms/corp";
    static final String OTHER_ISSUER = "https://other-auth.example.test";
    static final String RESOURCE = "https://mcp.example.com/github/mcp";

    private TestTokens() {}

    /** A token for {@link #RESOURCE} from {@link #ISSUER}, valid for ten minutes from {@link #NOW}. */
    static Builder token(JWK signingKey) {
        return new Builder(signingKey);
    }

    static final class Builder {

        private final JWK signingKey;
        private JWSAlgorithm algorithm;
        private String keyId;
        private JOSEObjectType type = new JOSEObjectType("at+jwt");
        private Set<String> critical;
        private JWSSigner signer;
        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(RESOURCE)
                .subject("alice")
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(10))))
                .claim("client_id", "client-1")
                .claim("scope", "mcp:access");

        private Builder(JWK signingKey) {
            this.signingKey = signingKey;
            this.keyId = signingKey.getKeyID();
            this.algorithm = defaultAlgorithm(signingKey);
        }

        Builder algorithm(JWSAlgorithm value) {
            algorithm = value;
            return this;
        }

        Builder keyId(String value) {
            keyId = value;
            return this;
        }

        /** {@code null} leaves {@code typ} out of the header. */
        Builder type(String value) {
            type = value == null ? null : new JOSEObjectType(value);
            return this;
        }

        Builder critical(String headerParameter) {
            critical = Set.of(headerParameter);
            return this;
        }

        Builder signer(JWSSigner value) {
            signer = value;
            return this;
        }

        Builder issuer(String value) {
            claims.issuer(value);
            return this;
        }

        Builder audience(String... values) {
            claims.audience(values.length == 0 ? null : List.of(values));
            return this;
        }

        Builder expiresAt(Instant value) {
            claims.expirationTime(value == null ? null : Date.from(value));
            return this;
        }

        Builder notBefore(Instant value) {
            claims.notBeforeTime(Date.from(value));
            return this;
        }

        Builder issuedAt(Instant value) {
            claims.issueTime(value == null ? null : Date.from(value));
            return this;
        }

        String serialize() {
            claims.jwtID(UUID.randomUUID().toString());
            JWSHeader.Builder header =
                    new JWSHeader.Builder(algorithm).keyID(keyId).type(type);
            if (critical != null) {
                header.criticalParams(critical).customParam(critical.iterator().next(), "x");
            }
            SignedJWT jwt = new SignedJWT(header.build(), claims.build());
            try {
                jwt.sign(signer != null ? signer : signerFor(signingKey));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }

        private static JWSAlgorithm defaultAlgorithm(JWK key) {
            if (key instanceof ECKey ec) {
                return Curve.P_384.equals(ec.getCurve())
                        ? JWSAlgorithm.ES384
                        : Curve.P_521.equals(ec.getCurve()) ? JWSAlgorithm.ES512 : JWSAlgorithm.ES256;
            }
            return key instanceof OctetKeyPair ? JWSAlgorithm.EdDSA : JWSAlgorithm.RS256;
        }

        private static JWSSigner signerFor(JWK key) throws JOSEException {
            if (key instanceof RSAKey rsa) {
                return new RSASSASigner(rsa.toPrivateKey(), true);
            }
            if (key instanceof ECKey ec) {
                return new ECDSASigner(ec);
            }
            return new JdkEd25519Signer((OctetKeyPair) key);
        }
    }
}
