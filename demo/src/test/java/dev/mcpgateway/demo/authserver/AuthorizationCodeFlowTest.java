package dev.mcpgateway.demo.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.util.UriComponentsBuilder;

/** The browser flow an MCP client such as the MCP Inspector runs: PKCE, login as alice, code exchange. */
class AuthorizationCodeFlowTest {

    private static final String RESOURCE = "http://127.0.0.1:8080/demo/mcp";

    private static final String REDIRECT_URI = "http://127.0.0.1:33418/";

    private static final String CODE_VERIFIER = "dBjftJeZ4CVP-mJ92K9WpsbzeBy0WtuQfq3m1kWwtfwq7J8o";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private static DemoAuthorizationServer server;

    @BeforeAll
    static void startServer() {
        server = DemoAuthorizationServer.start(0);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void publicClientWithPkceGetsTokenBoundToResourceOfAuthorizationRequest() throws ParseException {
        AuthServerHttp browser = new AuthServerHttp(server.issuer());
        String code = authorize(browser, authorizationRequest("demo-public", RESOURCE, challenge(CODE_VERIFIER)));

        HttpResponse<String> token = browser.postForm(
                "/oauth2/token",
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        REDIRECT_URI,
                        "client_id",
                        "demo-public",
                        "code_verifier",
                        CODE_VERIFIER));

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JWTClaimsSet claims = browser.verifiedAccessToken(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).containsExactly(RESOURCE);
        assertThat(claims.getStringClaim("scope")).isEqualTo("mcp:access mcp:tools");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("demo-public");
    }

    @Test
    void dynamicallyRegisteredClientCompletesPkceFlow() throws ParseException {
        AuthServerHttp browser = new AuthServerHttp(server.issuer());
        HttpResponse<String> registration = browser.postJson("/oauth2/register", """
                {"redirect_uris": ["%s"], "token_endpoint_auth_method": "none",
                 "grant_types": ["authorization_code"], "response_types": ["code"]}
                """.formatted(REDIRECT_URI));
        String clientId = (String) AuthServerHttp.json(registration).get("client_id");
        String code = authorize(browser, authorizationRequest(clientId, RESOURCE, challenge(CODE_VERIFIER)));

        HttpResponse<String> token = browser.postForm(
                "/oauth2/token",
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        REDIRECT_URI,
                        "client_id",
                        clientId,
                        "code_verifier",
                        CODE_VERIFIER));

        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(browser.verifiedAccessToken(token).getJWTClaimsSet().getAudience())
                .containsExactly(RESOURCE);
    }

    @Test
    void refreshedTokenKeepsAudienceOfAuthorizationRequest() throws ParseException {
        AuthServerHttp browser = new AuthServerHttp(server.issuer());
        String code = authorize(browser, authorizationRequest("demo-client", RESOURCE, challenge(CODE_VERIFIER)));
        String basic = AuthServerHttp.basic("demo-client", "demo-secret");
        HttpResponse<String> token = browser.postForm(
                "/oauth2/token",
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        REDIRECT_URI,
                        "code_verifier",
                        CODE_VERIFIER),
                "Authorization",
                basic);
        String refreshToken = (String) AuthServerHttp.json(token).get("refresh_token");

        HttpResponse<String> refreshed = browser.postForm(
                "/oauth2/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                "Authorization",
                basic);

        assertThat(refreshed.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = browser.verifiedAccessToken(refreshed).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).containsExactly(RESOURCE);
    }

    @Test
    void codeExchangeForResourceOutsideAuthorizationRequestIsRejectedWithInvalidTarget() {
        AuthServerHttp browser = new AuthServerHttp(server.issuer());
        String code = authorize(browser, authorizationRequest("demo-public", RESOURCE, challenge(CODE_VERIFIER)));

        HttpResponse<String> token = browser.postForm(
                "/oauth2/token",
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        REDIRECT_URI,
                        "client_id",
                        "demo-public",
                        "code_verifier",
                        CODE_VERIFIER,
                        "resource",
                        "https://other.example.com/mcp"));

        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(AuthServerHttp.json(token)).containsEntry("error", "invalid_target");
    }

    @Test
    void codeExchangeWithoutVerifierIsRejected() {
        AuthServerHttp browser = new AuthServerHttp(server.issuer());
        String code = authorize(browser, authorizationRequest("demo-public", RESOURCE, challenge(CODE_VERIFIER)));

        HttpResponse<String> token = browser.postForm(
                "/oauth2/token",
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        REDIRECT_URI,
                        "client_id",
                        "demo-public"));

        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(AuthServerHttp.json(token)).containsKey("error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:6274/oauth/callback", "http://127.0.0.1:6274/oauth/callback/debug"})
    void mcpInspectorCallbacksAreAcceptedAndLeadToLogin(String redirectUri) {
        AuthServerHttp browser = new AuthServerHttp(server.issuer());

        HttpResponse<String> response =
                browser.get(authorizationRequest("demo-public", redirectUri, RESOURCE, challenge(CODE_VERIFIER)));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).isEqualTo(server.issuer() + "/login");
    }

    @Test
    void authorizationRequestWithoutCodeChallengeIsRejectedForConfidentialClientToo() {
        AuthServerHttp browser = new AuthServerHttp(server.issuer());

        HttpResponse<String> response = browser.get(authorizationRequest("demo-client", RESOURCE, null));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).startsWith(REDIRECT_URI).contains("error=invalid_request");
    }

    @Test
    void authorizationRequestWithRelativeResourceIsRejectedWithInvalidTarget() {
        AuthServerHttp browser = new AuthServerHttp(server.issuer());

        HttpResponse<String> response =
                browser.get(authorizationRequest("demo-public", "/demo/mcp", challenge(CODE_VERIFIER)));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).startsWith(REDIRECT_URI).contains("error=invalid_target");
    }

    /** Follows the redirects a browser would, logging in as alice, and returns the authorization code. */
    private static String authorize(AuthServerHttp browser, String authorizationRequest) {
        HttpResponse<String> toLogin = browser.get(authorizationRequest);
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(location(toLogin)).endsWith("/login");

        HttpResponse<String> loginPage = browser.get(location(toLogin));
        Matcher csrf = CSRF.matcher(loginPage.body());
        assertThat(csrf.find()).as("login page carries a CSRF token").isTrue();

        HttpResponse<String> loggedIn =
                browser.postForm("/login", Map.of("username", "alice", "password", "alice", "_csrf", csrf.group(1)));
        assertThat(loggedIn.statusCode()).isEqualTo(302);

        HttpResponse<String> toClient = browser.get(location(loggedIn));
        assertThat(toClient.statusCode()).isEqualTo(302);
        assertThat(location(toClient)).startsWith(REDIRECT_URI);
        Map<String, String> query = UriComponentsBuilder.fromUriString(location(toClient))
                .build()
                .getQueryParams()
                .toSingleValueMap();
        assertThat(query).containsEntry("state", "state-1").containsKey("code");
        return query.get("code");
    }

    private static String authorizationRequest(String clientId, String resource, String codeChallenge) {
        return authorizationRequest(clientId, REDIRECT_URI, resource, codeChallenge);
    }

    private static String authorizationRequest(
            String clientId, String redirectUri, String resource, String codeChallenge) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", "mcp:access mcp:tools");
        parameters.put("state", "state-1");
        parameters.put("resource", resource);
        if (codeChallenge != null) {
            parameters.put("code_challenge", codeChallenge);
            parameters.put("code_challenge_method", "S256");
        }
        return "/oauth2/authorize?" + AuthServerHttp.form(parameters);
    }

    private static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow();
        return URI.create(server.issuer()).resolve(location).toString();
    }

    /** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new AssertionError(ex);
        }
    }
}
