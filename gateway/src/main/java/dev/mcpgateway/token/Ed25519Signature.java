package dev.mcpgateway.token;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Ed25519 JWS verification with the JDK's own provider (RFC 8037 §3.1), because nimbus' Ed25519 verifier needs
 * Google Tink. Only Ed25519 keys ({@code crv} {@code Ed25519}) are used; Ed448 is not supported.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8037#section-3.1">RFC 8037 §3.1</a>
 */
final class Ed25519Signature {

    /** DER SubjectPublicKeyInfo header for id-Ed25519 (RFC 8410 §4); the 32-byte raw key follows it. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private static final int KEY_LENGTH = 32;

    private Ed25519Signature() {}

    static boolean verify(SignedJWT jws, OctetKeyPair key) {
        if (!Curve.Ed25519.equals(key.getCurve()) || hasCriticalHeaders(jws)) {
            return false;
        }
        byte[] raw = key.getDecodedX();
        if (raw.length != KEY_LENGTH) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey(raw));
            signature.update(jws.getSigningInput());
            return signature.verify(jws.getSignature().decode());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** No extension is understood, so any {@code crit} header makes the token invalid (RFC 7515 §4.1.11). */
    private static boolean hasCriticalHeaders(SignedJWT jws) {
        return jws.getHeader().getCriticalParams() != null
                && !jws.getHeader().getCriticalParams().isEmpty();
    }

    private static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] der = new byte[SPKI_PREFIX.length + raw.length];
        System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }
}
