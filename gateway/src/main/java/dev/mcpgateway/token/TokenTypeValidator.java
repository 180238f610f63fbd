package dev.mcpgateway.token;

import java.util.Locale;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts the {@code typ} header values an access token may carry: {@code at+jwt} (RFC 9068 §2.1), {@code JWT}
 * (RFC 7519 §5.1) or none at all. Media types compare case-insensitively and may omit the {@code application/}
 * prefix (RFC 7515 §4.1.9). Any other type is refused, so an ID token, DPoP proof or logout token cannot be
 * replayed as an access token (RFC 8725 §3.11).
 *
 * <p>This replaces Spring Security 7's default {@code JwtTypeValidator.jwt()}, which refuses {@code at+jwt}.
 * RFC 9068 §4 says a resource server MUST insist on {@code at+jwt}; {@code JWT} and an absent {@code typ} are
 * still accepted because widely deployed authorization servers issue them. A configured
 * {@code JwtTypeValidator("at+jwt", "JWT", …)} with {@code setAllowEmpty(true)} would also pass an empty {@code typ},
 * which is no media type at all.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7515#section-4.1.9">RFC 7515 §4.1.9</a>
 */
public final class TokenTypeValidator implements OAuth2TokenValidator<Jwt> {

    private static final String MEDIA_TYPE_PREFIX = "application/";
    private static final Set<String> ACCEPTED = Set.of("at+jwt", "jwt");

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Object type = jwt.getHeaders().get("typ");
        return type == null || type instanceof String value && isAccepted(value)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(TokenRejection.TYPE_NOT_ACCEPTED.error());
    }

    private static boolean isAccepted(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        String subtype = lower.startsWith(MEDIA_TYPE_PREFIX) ? lower.substring(MEDIA_TYPE_PREFIX.length()) : lower;
        return ACCEPTED.contains(subtype);
    }
}
