package dev.mcpgateway.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;

/**
 * Checks a JWS signature (RFC 7515 §5.2) against candidate public keys, for the asymmetric algorithms of the
 * allow-list only. Symmetric algorithms are absent on purpose: a resource server holds no shared secret, and
 * accepting HS256 would let anyone sign with the issuer's public key as the HMAC secret (RFC 8725 §2.1, §3.1).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7518#section-3.1">RFC 7518 §3.1</a>
 */
final class JwsSignatureVerifier {

    /** RSA PKCS#1 v1.5 and PSS, ECDSA on the NIST curves, and Ed25519 under both its names (RFC 8037, RFC 9864). */
    static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA,
            JWSAlgorithm.Ed25519);

    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

    /**
     * Each key set's public keys, decoded once (a JWK holds them as base64url numbers; decoding and checking them
     * through the {@code KeyFactory} cost as much as a tenth of an RS256 verification). Held by the identity of the
     * JWK its key set read, so a rotated-out key goes with its JWK.
     */
    private static final Cache<JWK, PublicKey> PUBLIC_KEYS =
            Caffeine.newBuilder().weakKeys().maximumSize(4096).build();

    private JwsSignatureVerifier() {}

    /**
     * Whether one of {@code keys} verifies the signature. The verifiers refuse any {@code crit} header they do not
     * understand (RFC 7515 §4.1.11).
     */
    static boolean verify(SignedJWT jws, List<JWK> keys) {
        return keys.stream().anyMatch(key -> verifiedBy(jws, key));
    }

    private static boolean verifiedBy(SignedJWT jws, JWK key) {
        try {
            if (key instanceof OctetKeyPair okp) {
                return Ed25519Signature.verify(jws, okp);
            }
            return jws.verify(VERIFIERS.createJWSVerifier(jws.getHeader(), publicKey(key)));
        } catch (JOSEException | IllegalStateException | ClassCastException | PublicKeyUnreadable e) {
            // A key of the wrong type or curve for this algorithm simply does not verify.
            return false;
        }
    }

    private static PublicKey publicKey(JWK key) {
        return PUBLIC_KEYS.get(key, jwk -> {
            try {
                return ((AsymmetricJWK) jwk).toPublicKey();
            } catch (JOSEException e) {
                throw new PublicKeyUnreadable();
            }
        });
    }

    /** A JWK whose public key cannot be built: it verifies nothing (and is not cached). */
    private static final class PublicKeyUnreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PublicKeyUnreadable() {
            super(null, null, false, false);
        }
    }
}
