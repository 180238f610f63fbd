package dev.mcpgateway.support;

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
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A signed JWT (RFC 7515 compact serialization) under construction: the JOSE header, the claims, and the key that
 * signs it. The header starts as {@code alg} for the key's type (RS256, ES256/384/512 by curve, EdDSA), the key's
 * {@code kid} and {@code typ: at+jwt} (RFC 9068 §2.1); the claims start empty. Every token gets a fresh {@code jti}
 * unless one is set, so no two are equal. Tests change one header field or claim at a time; anything the builder has
 * no method for goes through {@link #claims(Consumer)}, {@link #signer(JWSSigner)} or {@link #sign}.
 */
public final class TokenBuilder {

    private final JWK signingKey;
    private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
    private JWSAlgorithm algorithm;
    private String keyId;
    private JOSEObjectType type = new JOSEObjectType("at+jwt");
    private Set<String> critical;
    private JWSSigner signer;

    private TokenBuilder(JWK signingKey) {
        this.signingKey = signingKey;
        this.keyId = signingKey.getKeyID();
        this.algorithm = defaultAlgorithm(signingKey);
    }

    /** A token that {@code signingKey} (RSA, EC or Ed25519, with its private part) will sign. */
    public static TokenBuilder signedWith(JWK signingKey) {
        return new TokenBuilder(signingKey);
    }

    /** Signs {@code claims} under {@code header} with {@code key}, exactly as given, and serializes the result. */
    public static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            return sign(signerFor(key), header, claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public TokenBuilder algorithm(JWSAlgorithm value) {
        algorithm = value;
        return this;
    }

    /** {@code null} leaves {@code kid} out of the header. */
    public TokenBuilder keyId(String value) {
        keyId = value;
        return this;
    }

    /** {@code null} leaves {@code typ} out of the header. */
    public TokenBuilder type(String value) {
        type = value == null ? null : new JOSEObjectType(value);
        return this;
    }

    /** Marks {@code headerParameter} critical (RFC 7515 §4.1.11) and sets it, so a verifier must understand it. */
    public TokenBuilder critical(String headerParameter) {
        critical = Set.of(headerParameter);
        return this;
    }

    /** Signs with {@code value} instead of the key's own signer, e.g. an HMAC over the public key. */
    public TokenBuilder signer(JWSSigner value) {
        signer = value;
        return this;
    }

    /** {@code null} leaves {@code iss} out. */
    public TokenBuilder issuer(String value) {
        claims.issuer(value);
        return this;
    }

    /** No values leave {@code aud} out. */
    public TokenBuilder audience(String... values) {
        claims.audience(values.length == 0 ? null : List.of(values));
        return this;
    }

    public TokenBuilder subject(String value) {
        claims.subject(value);
        return this;
    }

    /** {@code null} leaves {@code exp} out. */
    public TokenBuilder expiresAt(Instant value) {
        claims.expirationTime(value == null ? null : Date.from(value));
        return this;
    }

    public TokenBuilder notBefore(Instant value) {
        claims.notBeforeTime(Date.from(value));
        return this;
    }

    /** {@code null} leaves {@code iat} out. */
    public TokenBuilder issuedAt(Instant value) {
        claims.issueTime(value == null ? null : Date.from(value));
        return this;
    }

    /** Any claim, of any JSON type, including hostile ones. */
    public TokenBuilder claim(String name, Object value) {
        claims.claim(name, value);
        return this;
    }

    /** Changes the claims in any way the builder's own methods do not. */
    public TokenBuilder claims(Consumer<JWTClaimsSet.Builder> change) {
        change.accept(claims);
        return this;
    }

    public String serialize() {
        if (claims.build().getJWTID() == null) {
            claims.jwtID(UUID.randomUUID().toString());
        }
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm).keyID(keyId).type(type);
        if (critical != null) {
            header.criticalParams(critical).customParam(critical.iterator().next(), "x");
        }
        try {
            return sign(signer != null ? signer : signerFor(signingKey), header.build(), claims.build());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
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

    /** RSA keys below 2048 bits are allowed here, so that tests can prove the gateway refuses them. */
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
