package dev.mcpgateway.demo.authserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.UUID;

/**
 * A fresh RS256 signing key per start, published at the JWKS endpoint with its {@code kid}
 * (RFC 7517 §4.5), so verifiers select it by the token header's {@code kid} (RFC 7515 §4.1.4).
 */
final class SigningKeys {

    private SigningKeys() {}

    static JWKSource<SecurityContext> generate() {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (JOSEException ex) {
            throw new IllegalStateException("Cannot generate the demo RSA signing key", ex);
        }
    }
}
