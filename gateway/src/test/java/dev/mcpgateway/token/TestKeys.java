package dev.mcpgateway.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;

/** Signing keys generated once per test JVM (RSA generation is slow on a busy machine). */
final class TestKeys {

    static final RSAKey RSA_1 = rsa("rsa-1", 2048);
    static final RSAKey RSA_2 = rsa("rsa-2", 2048);
    /** Same key id as {@link #RSA_1}, different key material: an attacker's key. */
    static final RSAKey RSA_IMPOSTOR = rsa("rsa-1", 2048);

    static final RSAKey RSA_WEAK = rsa("rsa-weak", 1024);
    static final ECKey EC_P256 = ec("ec-256", Curve.P_256);
    static final ECKey EC_P384 = ec("ec-384", Curve.P_384);
    static final ECKey EC_P521 = ec("ec-521", Curve.P_521);
    static final OctetKeyPair ED25519 = ed25519("ed-1");

    private TestKeys() {}

    private static RSAKey rsa(String kid, int bits) {
        try {
            return new RSAKeyGenerator(bits, bits < 2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ec(String kid, Curve curve) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Nimbus needs Tink for Ed25519, so the JDK generates the pair and we keep the raw RFC 8037 encodings. */
    private static OctetKeyPair ed25519(String kid) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            byte[] d = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
                    .d(Base64URL.encode(d))
                    .keyID(kid)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
