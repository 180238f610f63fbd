package dev.mcpgateway.token;

import com.nimbusds.jose.jwk.JWK;
import dev.mcpgateway.support.TokenBuilder;
import java.time.Duration;
import java.time.Instant;

/** Access tokens for the verifier's unit tests: a fixed clock, issuer and resource; {@link TokenBuilder} signs them. */
final class TestTokens {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String ISSUER = "https://auth.example.test/realms/corp";
    static final String OTHER_ISSUER = "https://other-auth.example.test";
    static final String RESOURCE = "https://mcp.example.com/github/mcp";

    private TestTokens() {}

    /** A token for {@link #RESOURCE} from {@link #ISSUER}, valid for ten minutes from {@link #NOW}. */
    static TokenBuilder token(JWK signingKey) {
        return TokenBuilder.signedWith(signingKey)
                .issuer(ISSUER)
                .audience(RESOURCE)
                .subject("alice")
                .issuedAt(NOW)
                .expiresAt(NOW.plus(Duration.ofMinutes(10)))
                .claim("client_id", "client-1")
                .claim("scope", "mcp:access");
    }
}
