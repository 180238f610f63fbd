package dev.mcpgateway.token;

import dev.mcpgateway.config.ClaimMapping;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token whose signature has been verified, as the cache keeps it: its header and claims (as a {@link Jwt} whose
 * token value is a placeholder, so the cache holds no bearer credential), and what its issuer's claim mapping makes
 * of it, computed once: the principal, or why the token names nobody forwardable. A presentation of a cached token
 * then costs the claim checks of its route and nothing else: no parsing, no mapping.
 *
 * @param claims    header and claims, for the route's claim checks
 * @param principal the principal the issuer's claim mapping gives; null exactly when {@code unmapped} is set
 * @param unmapped  why the mapping refused the token (no subject, an unforwardable identity), thrown on every use
 */
record VerifiedToken(
        Jwt claims,
        @Nullable TokenPrincipal principal,
        @Nullable RuntimeException unmapped) {

    private static final String NO_CREDENTIAL = "[verified]";

    static VerifiedToken of(Jwt jwt, ClaimMapping mapping) {
        Jwt withoutCredential =
                new Jwt(NO_CREDENTIAL, jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getHeaders(), jwt.getClaims());
        try {
            return new VerifiedToken(withoutCredential, TokenPrincipal.from(withoutCredential, mapping), null);
        } catch (RuntimeException unforwardable) {
            return new VerifiedToken(withoutCredential, null, unforwardable);
        }
    }

    @Nullable Instant expiresAt() {
        return claims.getExpiresAt();
    }

    /** The principal, or the mapping's refusal. */
    TokenPrincipal principalOrThrow() {
        if (principal == null) {
            throw unmapped == null ? TokenRejection.MISSING_SUBJECT.exception() : unmapped;
        }
        return principal;
    }

    /** The {@link Jwt} for one presentation of the token. */
    Jwt toJwt(String tokenValue) {
        return new Jwt(
                tokenValue, claims.getIssuedAt(), claims.getExpiresAt(), claims.getHeaders(), claims.getClaims());
    }

    /** Never the claims: a principal's subject is personal data. */
    @Override
    public String toString() {
        return "VerifiedToken[exp=" + expiresAt() + "]";
    }
}
