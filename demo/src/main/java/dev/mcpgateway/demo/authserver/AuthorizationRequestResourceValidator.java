package dev.mcpgateway.demo.authserver;

import java.util.List;
import java.util.function.Consumer;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;

/**
 * Rejects an authorization request whose {@code resource} indicator is not an absolute URI
 * without fragment, before the user is asked to log in. The error is returned to the client's
 * redirect URI as {@code error=invalid_target}.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc8707#section-2">RFC 8707 §2</a>
 */
final class AuthorizationRequestResourceValidator
        implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    /** Adds this validator after the default redirect-URI and scope validation. */
    static void install(List<AuthenticationProvider> providers) {
        Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> validator =
                new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                        .andThen(new AuthorizationRequestResourceValidator());
        providers.stream()
                .filter(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::isInstance)
                .map(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::cast)
                .forEach((provider) -> provider.setAuthenticationValidator(validator));
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        try {
            ResourceIndicators.from(request.getAdditionalParameters());
        } catch (OAuth2AuthenticationException ex) {
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(ex.getError(), request);
        }
    }
}
