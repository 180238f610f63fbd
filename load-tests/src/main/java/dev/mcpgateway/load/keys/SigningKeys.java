package dev.mcpgateway.load.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.Base64;

/**
 * The benchmark's one RSA 2048 signing key, generated once and kept in a directory so that tokens minted by one
 * process verify in another (the upstream publishes it as its JWK Set; HAProxy reads the PEM). Files:
 * {@value #PRIVATE_JWK} (the private JWK, for the mint) and {@value #PUBLIC_PEM} (the public key, for
 * HAProxy's {@code jwt_verify}).
 */
public final class SigningKeys {

    public static final String PRIVATE_JWK = "signing-key.jwk.json";
    public static final String PUBLIC_PEM = "signing-key.pub.pem";

    private final RSAKey key;

    private SigningKeys(RSAKey key) {
        this.key = key;
    }

    /** Reads the key in {@code directory}, or generates and writes one if there is none. */
    public static synchronized SigningKeys loadOrCreate(Path directory) {
        try {
            Path jwk = directory.resolve(PRIVATE_JWK);
            if (Files.exists(jwk)) {
                return new SigningKeys(RSAKey.parse(Files.readString(jwk)));
            }
            Files.createDirectories(directory);
            RSAKey generated = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyIDFromThumbprint(true)
                    .generate();
            writeAtomically(directory.resolve(PUBLIC_PEM), pem(generated));
            writeAtomically(jwk, generated.toJSONString());
            return new SigningKeys(generated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Unusable signing key in " + directory, e);
        }
    }

    public RSAKey privateKey() {
        return key;
    }

    /** The public JWK Set document served at {@code /jwks}. */
    public String publicJwkSet() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    private static String pem(RSAKey key) throws JOSEException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.toRSAPublicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** A reader in another process sees either no file or the whole file, never half of one. */
    private static void writeAtomically(Path target, String content) throws IOException {
        Path temporary =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
