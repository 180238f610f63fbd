package dev.mcpgateway.demo.authserver;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The OAuth 2.1 endpoints: authorization, token, JWKS, RFC 8414 metadata, OpenID discovery,
 * user info and open Dynamic Client Registration (RFC 7591).
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc8414#section-3">RFC 8414 §3</a>
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    static final String ISSUER_PROPERTY = "demo.auth-server.issuer";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, AuthorizationServerSettings settings)
            throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        String registrationEndpoint = settings.getIssuer() + settings.getClientRegistrationEndpoint();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(
                        authorizationServer,
                        (server) -> server.authorizationEndpoint((endpoint) -> endpoint.authenticationProviders(
                                        AuthorizationRequestResourceValidator::install))
                                .clientRegistrationEndpoint((endpoint) -> endpoint.openRegistrationAllowed(true)
                                        .authenticationProviders(OpenClientRegistration::customize))
                                .authorizationServerMetadataEndpoint(
                                        (endpoint) -> endpoint.authorizationServerMetadataCustomizer((metadata) ->
                                                metadata.scopes(AuthorizationServerConfig::addDemoScopes)))
                                .oidc((oidc) -> oidc.providerConfigurationEndpoint(
                                        (endpoint) -> endpoint.providerConfigurationCustomizer(
                                                (metadata) -> metadata.scopes(AuthorizationServerConfig::addDemoScopes)
                                                        .clientRegistrationEndpoint(registrationEndpoint)))))
                .authorizeHttpRequests((authorize) -> authorize
                        .requestMatchers(HttpMethod.POST, settings.getClientRegistrationEndpoint())
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .cors(Customizer.withDefaults())
                .exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(LoginConfig.LOGIN_PAGE),
                        PathPatternRequestMatcher.withDefaults().matcher(settings.getAuthorizationEndpoint())));
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(@Value("${" + ISSUER_PROPERTY + "}") String issuer) {
        return AuthorizationServerSettings.builder().issuer(issuer).build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository() {
        return DemoClients.repository();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource() {
        return SigningKeys.generate();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenCustomizer() {
        return new AccessTokenCustomizer();
    }

    /**
     * Verifies the server's own access tokens where it acts as a resource server (user info,
     * client registration with an initial access token). They are typed {@code at+jwt}, which
     * the default validator (expecting {@code JWT}) would refuse.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, AuthorizationServerSettings settings) {
        NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(),
                new JwtIssuerValidator(settings.getIssuer()),
                new JwtTypeValidator(List.of(AccessTokenCustomizer.ACCESS_TOKEN_TYPE))));
        return decoder;
    }

    private static void addDemoScopes(List<String> scopes) {
        DemoClients.SCOPES.stream().filter((scope) -> !scopes.contains(scope)).forEach(scopes::add);
    }
}
