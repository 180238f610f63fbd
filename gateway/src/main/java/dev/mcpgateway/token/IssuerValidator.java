package dev.mcpgateway.token;

import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Requires {@code iss} to be, character for character, the issuer identifier of one of the authorization servers a
 * route trusts (RFC 7519 §4.1.1, RFC 9068 §4, RFC 8414 §2). No normalization: a trailing slash is another issuer.
 * Spring Security's {@code JwtIssuerValidator} knows one issuer; a route may trust several.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 */
public final class IssuerValidator implements OAuth2TokenValidator<Jwt> {

    private final Set<String> trustedIssuers;

    public IssuerValidator(Set<String> trustedIssuers) {
        this.trustedIssuers = Set.copyOf(trustedIssuers);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        return jwt.getClaims().get("iss") instanceof String issuer && trustedIssuers.contains(issuer)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(TokenRejection.UNTRUSTED_ISSUER.error());
    }
}
