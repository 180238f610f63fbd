package dev.mcpgateway.token;

import static dev.mcpgateway.token.Rejections.WAIT;
import static dev.mcpgateway.token.Rejections.assertAccepted;
import static dev.mcpgateway.token.Rejections.assertKeysUnavailable;
import static dev.mcpgateway.token.TestTokens.NOW;
import static dev.mcpgateway.token.TestTokens.RESOURCE;
import static dev.mcpgateway.token.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.support.TestAuthorizationServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

/** Finding {@code jwks_uri} from the issuer: RFC 8414 §3 first, then OpenID Connect Discovery. */
class IssuerMetadataDiscoveryTest {

    private static final String RFC8414 = "/.well-known/oauth-authorization-server/t1";
    private static final String OIDC_INSERTED = "/.well-known/openid-configuration/t1";
    private static final String OIDC_APPENDED = "/t1/.well-known/openid-configuration";

    @RegisterExtension
    static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();

    private final IssuerMetadataDiscovery discovery =
            new IssuerMetadataDiscovery(WebClient.create(), Duration.ofSeconds(5));
    private String issuer;
    private URI jwksUri;

    @BeforeEach
    void setUp() {
        issuer = AUTHORIZATION_SERVER.baseUrl() + "/t1";
        jwksUri = AUTHORIZATION_SERVER.url("/t1/keys");
        AUTHORIZATION_SERVER.publishKeysAt("/t1/keys", TestKeys.RSA_1);
    }

    @Test
    void metadataLocationsUseRfc8414PathInsertionThenBothOidcForms() {
        assertThat(IssuerMetadataDiscovery.metadataLocations("https://h.example/t1"))
                .containsExactly(
                        URI.create("https://h.example/.well-known/oauth-authorization-server/t1"),
                        URI.create("https://h.example/.well-known/openid-configuration/t1"),
                        URI.create("https://h.example/t1/.well-known/openid-configuration"));
    }

    @Test
    void metadataLocationsDropATerminatingSlashFromTheIssuerPath() {
        assertThat(IssuerMetadataDiscovery.metadataLocations("https://h.example/realms/corp/"))
                .containsExactly(
                        URI.create("https://h.example/.well-known/oauth-authorization-server/realms/corp"),
                        URI.create("https://h.example/.well-known/openid-configuration/realms/corp"),
                        URI.create("https://h.example/realms/corp/.well-known/openid-configuration"));
    }

    @Test
    void metadataLocationsForAnIssuerWithoutPathAreTheTwoRootDocuments() {
        assertThat(IssuerMetadataDiscovery.metadataLocations("https://h.example:8443"))
                .containsExactly(
                        URI.create("https://h.example:8443/.well-known/oauth-authorization-server"),
                        URI.create("https://h.example:8443/.well-known/openid-configuration"));
    }

    @Test
    void jwksUriIsDiscoveredFromRfc8414MetadataWithPathInsertion() {
        AUTHORIZATION_SERVER.publishMetadata(RFC8414, issuer, jwksUri);

        StepVerifier.create(discovery.jwksUri(issuer))
                .expectNext(jwksUri)
                .expectComplete()
                .verify(WAIT);
        assertThat(AUTHORIZATION_SERVER.requestsTo(OIDC_INSERTED)).isZero();
    }

    @Test
    void jwksUriIsDiscoveredFromPathInsertedOidcMetadataWhenRfc8414MetadataIsMissing() {
        AUTHORIZATION_SERVER.publishMetadata(OIDC_INSERTED, issuer, jwksUri);

        StepVerifier.create(discovery.jwksUri(issuer))
                .expectNext(jwksUri)
                .expectComplete()
                .verify(WAIT);
        assertThat(AUTHORIZATION_SERVER.requestsTo(RFC8414)).isEqualTo(1);
    }

    @Test
    void jwksUriIsDiscoveredFromPathAppendedOidcMetadataAsTheLastResort() {
        AUTHORIZATION_SERVER.publishDocument(OIDC_INSERTED, 200, "<html>login</html>");
        AUTHORIZATION_SERVER.publishMetadata(OIDC_APPENDED, issuer, jwksUri);

        StepVerifier.create(discovery.jwksUri(issuer))
                .expectNext(jwksUri)
                .expectComplete()
                .verify(WAIT);
        assertThat(AUTHORIZATION_SERVER.requestsTo(RFC8414)).isEqualTo(1);
        assertThat(AUTHORIZATION_SERVER.requestsTo(OIDC_INSERTED)).isEqualTo(1);
    }

    @Test
    void metadataDeclaringAnotherIssuerIsRefusedWithoutTryingOtherLocations() {
        AUTHORIZATION_SERVER.publishMetadata(RFC8414, "https://attacker.example/t1", jwksUri);
        AUTHORIZATION_SERVER.publishMetadata(OIDC_INSERTED, issuer, jwksUri);

        StepVerifier.create(discovery.jwksUri(issuer))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("https://attacker.example/t1")
                        .hasMessageContaining(issuer))
                .verify(WAIT);
        assertThat(AUTHORIZATION_SERVER.requestsTo(OIDC_INSERTED)).isZero();
    }

    @Test
    void metadataWithoutJwksUriIsRefused() {
        AUTHORIZATION_SERVER.publishDocument(RFC8414, 200, "{\"issuer\":\"" + issuer + "\"}");

        StepVerifier.create(discovery.jwksUri(issuer))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("jwks_uri"))
                .verify(WAIT);
    }

    @Test
    void missingMetadataEverywhereIsAnError() {
        StepVerifier.create(discovery.jwksUri(issuer))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining(issuer))
                .verify(WAIT);
        assertThat(AUTHORIZATION_SERVER.requestsTo(OIDC_APPENDED)).isEqualTo(1);
    }

    @Test
    void verifierDiscoversKeysOfAServerConfiguredWithoutJwksUri() {
        AUTHORIZATION_SERVER.publishMetadata(OIDC_APPENDED, issuer, jwksUri);
        try (AccessTokenVerifier verifier = verifierFor(issuer)) {
            for (int i = 0; i < 2; i++) {
                String token = token(TestKeys.RSA_1).issuer(issuer).serialize();
                assertAccepted(verifier.verify(token, List.of("corp"), Set.of(RESOURCE)));
            }
        }
        assertThat(AUTHORIZATION_SERVER.requestsTo(OIDC_APPENDED)).isEqualTo(1);
        assertThat(AUTHORIZATION_SERVER.requestsTo("/t1/keys")).isEqualTo(1);
    }

    @Test
    void verifierRefusesKeysWhenTheMetadataIssuerDoesNotMatch() {
        AUTHORIZATION_SERVER.publishMetadata(RFC8414, issuer + "/", jwksUri);
        try (AccessTokenVerifier verifier = verifierFor(issuer)) {
            String token = token(TestKeys.RSA_1).issuer(issuer).serialize();
            assertKeysUnavailable(verifier.verify(token, List.of("corp"), Set.of(RESOURCE)), token);
        }
        assertThat(AUTHORIZATION_SERVER.requestsTo("/t1/keys")).isZero();
    }

    private static AccessTokenVerifier verifierFor(String issuer) {
        return new AccessTokenVerifier(
                List.of(new AuthorizationServerConfig("corp", issuer, null)),
                WebClient.create(),
                TokenVerifierSettings.defaults(),
                new MutableClock(NOW));
    }
}
