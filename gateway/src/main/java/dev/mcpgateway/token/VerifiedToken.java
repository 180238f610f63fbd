package dev.mcpgateway.token;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The header and claims of a token whose signature has been verified, without the token itself, so the cache
 * holds no bearer credential.
 */
record VerifiedToken(
        Map<String, Object> headers,
        Map<String, Object> claims,
        @Nullable Instant expiresAt) {

    static VerifiedToken of(Jwt jwt) {
        return new VerifiedToken(jwt.getHeaders(), jwt.getClaims(), jwt.getExpiresAt());
    }

    /** The {@link Jwt} for one presentation of the token. */
    Jwt toJwt(String tokenValue) {
        return new Jwt(tokenValue, (Instant) claims.get("iat"), expiresAt, headers, claims);
    }
}
