package dev.mcpgateway.demo.authserver;

import java.util.List;
import java.util.function.Consumer;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.converter.OAuth2ClientRegistrationRegisteredClientConverter;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Open Dynamic Client Registration (RFC 7591 §3, no initial access token), as MCP clients such as
 * the MCP Inspector expect.
 * <p>
 * Spring Authorization Server's defaults reject any {@code scope} in a registration request and
 * require consent; for the demo a client may ask for the demo scopes, gets all of them when it asks
 * for none, always needs PKCE and skips the consent screen.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc7591#section-3">RFC 7591 §3</a>
 */
final class OpenClientRegistration {

    private OpenClientRegistration() {}

    /** Customizes the registration provider created by the client registration endpoint configurer. */
    static void customize(List<AuthenticationProvider> providers) {
        Consumer<OAuth2ClientRegistrationAuthenticationContext> validator =
                OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR
                        .andThen(OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_JWK_SET_URI_VALIDATOR)
                        .andThen(OpenClientRegistration::validateScope);
        providers.stream()
                .filter(OAuth2ClientRegistrationAuthenticationProvider.class::isInstance)
                .map(OAuth2ClientRegistrationAuthenticationProvider.class::cast)
                .forEach((provider) -> {
                    provider.setAuthenticationValidator(validator);
                    provider.setRegisteredClientConverter(new DemoDefaults());
                });
    }

    private static void validateScope(OAuth2ClientRegistrationAuthenticationContext context) {
        OAuth2ClientRegistrationAuthenticationToken registration = context.getAuthentication();
        List<String> scopes = registration.getClientRegistration().getScopes();
        if (scopes != null && !DemoClients.SCOPES.containsAll(scopes)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    "invalid_client_metadata",
                    "scope may only contain " + String.join(" ", DemoClients.SCOPES),
                    "https://datatracker.ietf.org/doc/html/rfc7591#section-3.2.2"));
        }
    }

    private static final class DemoDefaults implements Converter<OAuth2ClientRegistration, RegisteredClient> {

        private final OAuth2ClientRegistrationRegisteredClientConverter delegate =
                new OAuth2ClientRegistrationRegisteredClientConverter();

        @Override
        public RegisteredClient convert(OAuth2ClientRegistration registration) {
            RegisteredClient client = this.delegate.convert(registration);
            return RegisteredClient.from(client)
                    .scopes((scopes) -> {
                        if (scopes.isEmpty()) {
                            scopes.addAll(DemoClients.SCOPES);
                        }
                    })
                    .clientSettings(ClientSettings.withSettings(
                                    client.getClientSettings().getSettings())
                            .requireProofKey(true)
                            .requireAuthorizationConsent(false)
                            .build())
                    .tokenSettings(DemoClients.tokenSettings())
                    .build();
        }
    }
}
