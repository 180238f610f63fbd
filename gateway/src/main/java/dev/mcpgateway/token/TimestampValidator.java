package dev.mcpgateway.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Requires {@code exp} (RFC 9068 §2.2) and checks it and {@code nbf} against the injected clock with a bounded
 * skew: the token is valid while {@code nbf - skew <= now < exp + skew} (RFC 7519 §4.1.4, §4.1.5).
 *
 * <p>Not Spring Security's {@code JwtTimestampValidator}: its failures carry free-text descriptions with the dates
 * in them, where the gateway answers a fixed, documented reason for each case ({@link TokenRejection#EXPIRED},
 * {@link TokenRejection#NOT_YET_VALID}, {@link TokenRejection#MISSING_EXPIRY}), and it accepts a token until
 * {@code exp + skew} inclusive, where RFC 7519 §4.1.4 says "before".
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4">RFC 7519 §4.1.4</a>
 */
public final class TimestampValidator implements OAuth2TokenValidator<Jwt> {

    private final Clock clock;
    private final Duration clockSkew;

    public TimestampValidator(Clock clock, Duration clockSkew) {
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return OAuth2TokenValidatorResult.failure(TokenRejection.MISSING_EXPIRY.error());
        }
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt.plus(clockSkew))) {
            return OAuth2TokenValidatorResult.failure(TokenRejection.EXPIRED.error());
        }
        Instant notBefore = jwt.getNotBefore();
        if (notBefore != null && now.plus(clockSkew).isBefore(notBefore)) {
            return OAuth2TokenValidatorResult.failure(TokenRejection.NOT_YET_VALID.error());
        }
        return OAuth2TokenValidatorResult.success();
    }
}
