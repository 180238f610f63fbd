package dev.mcpgateway.token;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Requires {@code aud} to name at least one audience the route accepts (RFC 7519 §4.1.3, RFC 9068 §4): its RFC 8707
 * resource URI or a configured extra audience. Values compare exactly, except that the scheme and host of a URI
 * compare case-insensitively, as MCP's "Canonical Server URI" asks servers to accept uppercase variants.
 * Nothing else is normalized: path, port, query and a trailing slash all count.
 *
 * <p>The audience is read from {@code aud} unless the token's authorization server carries it in another claim
 * (e.g. Cognito access tokens have no {@code aud}, only {@code client_id}); that claim may be a string or an array.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 */
public final class AudienceValidator implements OAuth2TokenValidator<Jwt> {

    private static final String AUD = "aud";

    private final Set<String> accepted;
    private final String claim;

    public AudienceValidator(Collection<String> acceptedAudiences) {
        this(acceptedAudiences, AUD);
    }

    /** @param claim the claim that carries the audience; {@code null} for {@code aud} */
    public AudienceValidator(Collection<String> acceptedAudiences, @Nullable String claim) {
        this.accepted = Set.copyOf(acceptedAudiences);
        this.claim = claim == null ? AUD : claim;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        List<String> audience =
                AUD.equals(claim) ? jwt.getAudience() : values(jwt.getClaims().get(claim));
        if (audience != null && (audience.stream().anyMatch(accepted::contains) || matchesIgnoringHostCase(audience))) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(TokenRejection.AUDIENCE_MISMATCH.error());
    }

    private static @Nullable List<String> values(@Nullable Object value) {
        if (value instanceof String text) {
            return List.of(text);
        }
        return value instanceof Collection<?> items
                ? items.stream().filter(Objects::nonNull).map(String::valueOf).toList()
                : null;
    }

    private boolean matchesIgnoringHostCase(List<String> audience) {
        Set<String> canonicalAccepted =
                accepted.stream().map(AudienceValidator::lowerCaseSchemeAndHost).collect(Collectors.toSet());
        return audience.stream().map(AudienceValidator::lowerCaseSchemeAndHost).anyMatch(canonicalAccepted::contains);
    }

    /** Lower-cases {@code scheme://host[:port]}; values without an authority, or with user info, stay as they are. */
    private static String lowerCaseSchemeAndHost(String value) {
        int schemeEnd = value.indexOf("://");
        if (schemeEnd <= 0) {
            return value;
        }
        int authorityEnd = schemeEnd + 3;
        while (authorityEnd < value.length() && "/?#".indexOf(value.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String prefix = value.substring(0, authorityEnd);
        return prefix.indexOf('@') >= 0 ? value : prefix.toLowerCase(Locale.ROOT) + value.substring(authorityEnd);
    }
}
