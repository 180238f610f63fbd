package dev.mcpgateway.token;

import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses access tokens that were issued to live longer than an authorization server's {@code max-token-lifetime}:
 * {@code exp - iat} (RFC 7519 §4.1.4, §4.1.6) must not exceed it. MCP 2025-11-25 authorization ("Token Theft")
 * asks authorization servers for short-lived access tokens so that a stolen token is soon worthless; this holds a
 * misconfigured authorization server to that. A token without {@code iat} cannot show its lifetime and is refused.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1.6">RFC 7519 §4.1.6</a>
 */
public final class TokenLifetimeValidator implements OAuth2TokenValidator<Jwt> {

    private final Duration maxLifetime;

    public TokenLifetimeValidator(Duration maxLifetime) {
        if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("maxLifetime must be positive but was " + maxLifetime);
        }
        this.maxLifetime = maxLifetime;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant issuedAt = jwt.getIssuedAt();
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return OAuth2TokenValidatorResult.failure(TokenRejection.MISSING_EXPIRY.error());
        }
        if (issuedAt == null) {
            return OAuth2TokenValidatorResult.failure(TokenRejection.MISSING_ISSUE_TIME.error());
        }
        return Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) > 0
                ? OAuth2TokenValidatorResult.failure(TokenRejection.LIFETIME_TOO_LONG.error())
                : OAuth2TokenValidatorResult.success();
    }
}
