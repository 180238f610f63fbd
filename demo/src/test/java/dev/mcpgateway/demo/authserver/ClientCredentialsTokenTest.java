package dev.mcpgateway.demo.authserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientCredentialsTokenTest {

    private static final String RESOURCE = "http://127.0.0.1:8080/demo/mcp";

    private static DemoAuthorizationServer server;

    private static AuthServerHttp http;

    @BeforeAll
    static void startServer() {
        server = DemoAuthorizationServer.start(0);
        http = new AuthServerHttp(server.issuer());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void issuerIsLoopbackUrlWithActualPortAndNoTrailingSlash() {
        assertThat(server.port()).isPositive();
        assertThat(server.issuer()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void tokenAudienceIsRequestedResourceAndScopeIsSpaceDelimitedString() throws ParseException {
        HttpResponse<String> response = tokenRequest(
                Map.of("grant_type", "client_credentials", "scope", "mcp:access mcp:tools", "resource", RESOURCE));

        assertThat(response.statusCode()).isEqualTo(200);
        SignedJWT jwt = http.verifiedAccessToken(response);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        assertThat(claims.getIssuer()).isEqualTo(server.issuer());
        assertThat(claims.getSubject()).isEqualTo("demo-client");
        assertThat(claims.getAudience()).containsExactly(RESOURCE);
        assertThat(claims.getClaim("scope")).isInstanceOf(String.class).isEqualTo("mcp:access mcp:tools");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("demo-client");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void helperReturnsTokenBoundToResource() throws ParseException {
        String token = server.clientCredentialsToken(RESOURCE, "mcp:access");

        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly(RESOURCE);
    }

    @Test
    void helperFailsWithServerErrorWhenResourceIsInvalid() {
        assertThatIllegalStateException()
                .isThrownBy(() -> server.clientCredentialsToken("not-absolute", null))
                .withMessageContaining("invalid_target");
    }

    @Test
    void tokenWithoutResourceIsBoundToClientIdAudience() throws ParseException {
        HttpResponse<String> response = tokenRequest(Map.of("grant_type", "client_credentials", "scope", "mcp:access"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(http.verifiedAccessToken(response).getJWTClaimsSet().getAudience())
                .containsExactly("demo-client");
    }

    @Test
    void everyRequestedResourceBecomesAnAudience() throws ParseException {
        String form = AuthServerHttp.form(List.of(
                Map.entry("grant_type", "client_credentials"),
                Map.entry("resource", RESOURCE),
                Map.entry("resource", "https://mcp.example.com/github/mcp")));
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(java.net.URI.create(server.issuer() + "/oauth2/token"))
                        .header("Authorization", AuthServerHttp.basic("demo-client", "demo-secret"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(http.verifiedAccessToken(response).getJWTClaimsSet().getAudience())
                .containsExactlyInAnyOrder(RESOURCE, "https://mcp.example.com/github/mcp");
    }

    @Test
    void relativeResourceIsRejectedWithInvalidTarget() {
        HttpResponse<String> response =
                tokenRequest(Map.of("grant_type", "client_credentials", "resource", "/demo/mcp"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AuthServerHttp.json(response)).containsEntry("error", "invalid_target");
    }

    @Test
    void resourceWithFragmentIsRejectedWithInvalidTarget() {
        HttpResponse<String> response =
                tokenRequest(Map.of("grant_type", "client_credentials", "resource", RESOURCE + "#fragment"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AuthServerHttp.json(response)).containsEntry("error", "invalid_target");
    }

    @Test
    void clientSecretPostIsAccepted() throws ParseException {
        HttpResponse<String> response = http.postForm(
                "/oauth2/token",
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        "demo-client",
                        "client_secret",
                        "demo-secret",
                        "resource",
                        RESOURCE));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(http.verifiedAccessToken(response).getJWTClaimsSet().getAudience())
                .containsExactly(RESOURCE);
    }

    @Test
    void scopeOutsideClientRegistrationIsRejected() {
        HttpResponse<String> response = tokenRequest(Map.of("grant_type", "client_credentials", "scope", "openid"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AuthServerHttp.json(response)).containsEntry("error", "invalid_scope");
    }

    private static HttpResponse<String> tokenRequest(Map<String, String> form) {
        return http.postForm(
                "/oauth2/token", form, "Authorization", AuthServerHttp.basic("demo-client", "demo-secret"));
    }
}
