package dev.mcpgateway.token;

import static dev.mcpgateway.token.Rejections.WAIT;
import static dev.mcpgateway.token.TestTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.IntrospectionConfig;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.config.RoutesFileParser;
import dev.mcpgateway.support.RoutesSchema;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TokenBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The snippets of {@code docs/identity-providers.md}, read from the page itself, against access tokens shaped like
 * each provider's (fixtures in {@code src/test/resources/identity-providers/}): every documented snippet accepts
 * its provider's token and grants the route's scopes; the naive configuration (the same issuer and keys, but no
 * claim mapping, no extra audiences and the issuer without a trailing slash) fails wherever the provider's shape
 * needs the snippet.
 */
class IdentityProviderSnippetsTest {

    private static final Path PAGE = Path.of("..", "docs", "identity-providers.md");
    private static final Pattern SNIPPET =
            Pattern.compile("<!-- snippet: ([a-z0-9-]+) -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SNIPPET_ONLY_KEYS = Pattern.compile(
            "(?m)^\\s+(scope-claim|client-id-claim|audience-claim|subject-claim|max-token-lifetime|audiences):.*\\n");
    private static final Pattern ISSUER_TRAILING_SLASH = Pattern.compile("(?m)^(\\s+issuer: .*)/$");
    private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("AUTH0_DOMAIN", "acme.us.auth0.com"),
            Map.entry("AUTHKIT_DOMAIN", "acme.authkit.app"),
            Map.entry("OKTA_DOMAIN", "dev-123456.okta.com"),
            Map.entry("ENTRA_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47"),
            Map.entry("ENTRA_API_CLIENT_ID", "6e74172b-be56-4843-9ff4-e66a39bb12e3"),
            Map.entry("AWS_REGION", "eu-west-1"),
            Map.entry("COGNITO_USER_POOL_ID", "eu-west-1_AbCdEf123"),
            Map.entry("COGNITO_APP_CLIENT_ID", "1example23456789"),
            Map.entry("ZITADEL_DOMAIN", "acme-abc123.zitadel.cloud"),
            Map.entry("ZITADEL_API_CLIENT_ID", "275837300000000001@mcp"),
            Map.entry("ZITADEL_API_CLIENT_SECRET", "zitadel-secret"),
            Map.entry("ZITADEL_PROJECT_ID", "275836988367536531"),
            Map.entry("CLERK_FRONTEND_API", "clerk.example.com"));

    @RegisterExtension
    static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();

    private final MutableClock clock = new MutableClock(NOW);
    private RouteTokenVerifier verifier;

    @BeforeEach
    void publishKeys() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
    }

    @AfterEach
    void closeVerifier() {
        if (verifier != null) {
            verifier.close();
        }
    }

    @Test
    void everyProviderHasASnippetThatIsAValidRoutesFile() throws IOException {
        Map<String, String> snippets = snippets();

        assertThat(snippets)
                .containsOnlyKeys("keycloak", "auth0", "workos", "okta", "entra", "cognito", "zitadel", "clerk");
        snippets.forEach(
                (provider, yaml) -> assertThat(parse(provider, yaml).routes()).hasSize(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"keycloak", "auth0", "entra", "okta", "cognito", "zitadel", "clerk"})
    void providersAccessTokenIsAcceptedWithTheDocumentedSnippet(String provider) throws Exception {
        GatewayConfig config = parse(provider, snippets().get(provider));
        Fixture fixture = fixture(provider);

        Outcome outcome = present(config, fixture);

        assertThat(outcome.rejection()).as(provider + " with its snippet").isNull();
        assertThat(outcome.principal().subject()).isEqualTo(fixture.expect().get("subject"));
        assertThat(outcome.principal().clientId()).isEqualTo(fixture.expect().get("clientId"));
        assertThat(outcome.principal().hasAll(config.routes().get(0).requiredScopes()))
                .as("the route's scopes are granted")
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"keycloak", "auth0", "entra", "okta", "cognito", "zitadel", "clerk"})
    void providersAccessTokenFailsWithoutTheSnippetWhereItsShapeRequiresIt(String provider) throws Exception {
        String naive = ISSUER_TRAILING_SLASH
                .matcher(SNIPPET_ONLY_KEYS.matcher(snippets().get(provider)).replaceAll(""))
                .replaceAll("$1");
        Fixture fixture = fixture(provider);

        Outcome outcome = present(parse(provider, naive), fixture);

        if (fixture.withoutSnippet().equals("accepted")) {
            assertThat(outcome.rejection())
                    .as(provider + " needs nothing beyond the defaults")
                    .isNull();
        } else {
            assertThat(outcome.rejection())
                    .as(provider + " without its snippet")
                    .isEqualTo(fixture.withoutSnippet());
        }
    }

    @Test
    void cognitoTokenWithoutAudienceClaimIsRefusedWithoutTheAudienceMappingEvenWithTheRouteAudience() throws Exception {
        String withoutMapping = snippets().get("cognito").replace("      audience-claim: client_id\n", "");

        Outcome outcome = present(parse("cognito", withoutMapping), fixture("cognito"));

        assertThat(outcome.rejection()).isEqualTo(TokenRejection.AUDIENCE_MISMATCH.description());
    }

    @Test
    void clerkTokenGrantedBeforeTheAudienceClaimWasOnIsRefused() throws Exception {
        Fixture withAudience = fixture("clerk");
        Map<String, Object> claims = new LinkedHashMap<>(JSONObjectUtils.getJSONObject(withAudience.json(), "claims"));
        claims.remove("aud");
        Map<String, Object> json = new LinkedHashMap<>(withAudience.json());
        json.put("claims", claims);

        Outcome outcome = present(parse("clerk", snippets().get("clerk")), new Fixture(json));

        assertThat(outcome.rejection()).isEqualTo(TokenRejection.AUDIENCE_MISMATCH.description());
    }

    @Test
    void zitadelRolesAreNotScopesWithoutTheScopeClaimMapping() throws Exception {
        String withoutMapping =
                snippets().get("zitadel").replace("      scope-claim: urn:zitadel:iam:org:project:roles\n", "");
        GatewayConfig config = parse("zitadel", withoutMapping);

        Outcome outcome = present(config, fixture("zitadel"));

        assertThat(outcome.rejection()).isNull();
        assertThat(outcome.principal().hasAll(config.routes().get(0).requiredScopes()))
                .isFalse();
    }

    private Outcome present(GatewayConfig config, Fixture fixture) throws Exception {
        RouteConfig route = config.routes().get(0);
        List<AuthorizationServerConfig> servers = config.authorizationServers().values().stream()
                .map(IdentityProviderSnippetsTest::servedLocally)
                .toList();
        if (verifier != null) {
            verifier.close();
        }
        verifier = new RouteTokenVerifier(servers, WebClient.create(), TokenVerifierSettings.defaults(), clock);
        String token = fixture.token();
        if (fixture.introspection() != null) {
            AUTHORIZATION_SERVER.answerIntrospection(token, fixture.introspection());
        }
        try {
            return new Outcome(
                    verifier.verify(token, route.authorizationServers(), route.acceptedAudiences())
                            .block(WAIT),
                    null);
        } catch (InvalidBearerTokenException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /** The documented server, with its keys and introspection endpoint served by the fake authorization server. */
    private static AuthorizationServerConfig servedLocally(AuthorizationServerConfig server) {
        IntrospectionConfig documented = server.introspection();
        IntrospectionConfig local = documented == null
                ? null
                : new IntrospectionConfig(
                        AUTHORIZATION_SERVER.introspectionUri(),
                        documented.clientId(),
                        documented.clientSecret(),
                        documented.clientAuth(),
                        documented.timeout(),
                        documented.cacheTtl());
        return new AuthorizationServerConfig(
                server.name(),
                server.issuer(),
                AUTHORIZATION_SERVER.url(TestAuthorizationServer.JWKS_PATH),
                local,
                server.tokenFormat(),
                server.claims(),
                server.maxTokenLifetime());
    }

    private static GatewayConfig parse(String provider, String yaml) {
        return new RoutesFileParser(ENVIRONMENT::get)
                .parse("identity-providers.md#" + provider, RoutesSchema.valid(yaml));
    }

    private static Map<String, String> snippets() throws IOException {
        Map<String, String> snippets = new LinkedHashMap<>();
        Matcher matcher = SNIPPET.matcher(Files.readString(PAGE, StandardCharsets.UTF_8));
        while (matcher.find()) {
            snippets.put(matcher.group(1), matcher.group(2));
        }
        return snippets;
    }

    private static Fixture fixture(String provider) throws Exception {
        try (InputStream in =
                IdentityProviderSnippetsTest.class.getResourceAsStream("/identity-providers/" + provider + ".json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${IAT}", String.valueOf(NOW.getEpochSecond()))
                    .replace("${NBF}", String.valueOf(NOW.getEpochSecond()))
                    .replace("${AUTH_TIME}", String.valueOf(NOW.minusSeconds(60).getEpochSecond()))
                    .replace("${EXP}", String.valueOf(NOW.plusSeconds(300).getEpochSecond()));
            return new Fixture(JSONObjectUtils.parse(json));
        }
    }

    /** A provider's token shape: a signed JWT (header and claims) or an opaque token and its introspection. */
    private record Fixture(Map<String, Object> json) {

        String token() throws Exception {
            if (json.get("opaqueToken") instanceof String opaque) {
                return opaque;
            }
            Map<String, Object> header = new LinkedHashMap<>(JSONObjectUtils.getJSONObject(json, "header"));
            header.put("kid", TestKeys.RSA_1.getKeyID());
            return TokenBuilder.sign(
                    TestKeys.RSA_1,
                    JWSHeader.parse(header),
                    JWTClaimsSet.parse(JSONObjectUtils.getJSONObject(json, "claims")));
        }

        Map<String, Object> introspection() throws Exception {
            return JSONObjectUtils.getJSONObject(json, "introspection");
        }

        Map<String, Object> expect() throws Exception {
            return JSONObjectUtils.getJSONObject(json, "expect");
        }

        String withoutSnippet() {
            return (String) json.get("withoutSnippet");
        }
    }

    private record Outcome(TokenPrincipal principal, String rejection) {}
}
