package dev.mcpgateway.load.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpgateway.load.Args;
import dev.mcpgateway.load.ToolOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Writes RS256 access tokens (RFC 9068 shape: {@code typ} {@code at+jwt}, {@code iss}, {@code aud}, {@code sub},
 * {@code client_id}, {@code scope}, {@code iat}, {@code exp}, a distinct {@code jti}) one per line, for wrk scripts
 * and Gatling feeders. Every token differs, so a file of N tokens costs the gateway N signature verifications the
 * first time it is read; signing runs on all cores because an RSA signature takes about a millisecond.
 */
public final class TokenMint {

    public static final String DEFAULT_SCOPE = "mcp:access mcp:tools";
    private static final int CHUNK = 10_000;

    private final RSASSASigner signer;
    private final JWSHeader header;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;

    public TokenMint(SigningKeys keys, String issuer, String audience, Duration lifetime) {
        try {
            this.signer = new RSASSASigner(keys.privateKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("The signing key is not an RSA private key", e);
        }
        this.header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(new JOSEObjectType("at+jwt"))
                .keyID(keys.privateKey().getKeyID())
                .build();
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
    }

    /**
     * {@code mint --keys-dir=DIR --issuer=URL --audience=URL --count=N --out=FILE [--lifetime-seconds=3600]}.
     */
    public static void main(Args args) throws IOException {
        SigningKeys keys = SigningKeys.loadOrCreate(args.path("keys-dir", "keys"));
        TokenMint mint = new TokenMint(
                keys,
                args.required("issuer"),
                args.required("audience"),
                Duration.ofSeconds(args.integer("lifetime-seconds", 3600)));
        int count = args.integer("count", 100);
        Path out = args.path("out", "tokens.txt");
        mint.writeTokens(out, count);
        ToolOutput.line("Wrote " + count + " tokens to " + out);
    }

    /** Writes {@code count} distinct tokens to {@code file}, one a line; signed in chunks so memory stays flat. */
    public void writeTokens(Path file, int count) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            for (int start = 0; start < count; start += CHUNK) {
                String[] tokens = IntStream.range(start, Math.min(count, start + CHUNK))
                        .parallel()
                        .mapToObj(i -> mint("bench-user-" + (i % 16)))
                        .toArray(String[]::new);
                for (String token : tokens) {
                    writer.write(token);
                    writer.newLine();
                }
            }
        }
    }

    /** One signed token for {@code subject}, issued now. */
    public String mint(String subject) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim("client_id", "bench-client")
                .claim("scope", DEFAULT_SCOPE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("RS256 signing failed", e);
        }
        return jwt.serialize();
    }
}
