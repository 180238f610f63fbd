package dev.mcpgateway.token;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.List;

/**
 * The keys of one JWK Set that may verify access-token signatures: public RSA keys of at least 2048 bits
 * (RFC 7518 §3.3), EC keys and Ed25519 keys, whose {@code use} is absent or {@code sig} and whose
 * {@code key_ops}, if present, include {@code verify} (RFC 7517 §4.2, §4.3). Symmetric keys are never kept.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-4">RFC 7517 §4</a>
 */
final class SigningKeys {

    private static final int MIN_RSA_BITS = 2048;

    private final JWKSet keys;

    private SigningKeys(List<JWK> keys) {
        this.keys = new JWKSet(keys);
    }

    static SigningKeys from(JWKSet published) {
        return new SigningKeys(published.getKeys().stream()
                .filter(SigningKeys::isUsableForVerification)
                .map(JWK::toPublicJWK)
                .toList());
    }

    /**
     * Keys matching the header's {@code alg} family, {@code kid} and {@code x5t#S256}; a header without {@code kid}
     * matches every key of that family.
     */
    List<JWK> matching(JWSHeader header) {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        return matcher == null ? List.of() : new JWKSelector(matcher).select(keys);
    }

    int size() {
        return keys.getKeys().size();
    }

    private static boolean isUsableForVerification(JWK key) {
        if (!(key instanceof AsymmetricJWK)) {
            return false;
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return false;
        }
        if (key instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
            return false;
        }
        return !(key instanceof OctetKeyPair okp) || Curve.Ed25519.equals(okp.getCurve());
    }
}
