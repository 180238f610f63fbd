package dev.mcpgateway.demo.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an MCP client discovers (RFC 8414, OpenID discovery) and how it registers (RFC 7591). */
class DiscoveryAndRegistrationTest {

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

    @ParameterizedTest
    @ValueSource(strings = {"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"})
    void metadataAdvertisesIssuerPkceS256ScopesAndRegistration(String path) {
        HttpResponse<String> response = http.get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> metadata = AuthServerHttp.json(response);
        assertThat(metadata)
                .containsEntry("issuer", server.issuer())
                .containsEntry("token_endpoint", server.issuer() + "/oauth2/token")
                .containsEntry("jwks_uri", server.issuer() + "/oauth2/jwks")
                .containsEntry("registration_endpoint", server.issuer() + "/oauth2/register");
        assertThat(metadata.get("code_challenge_methods_supported"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains("S256");
        assertThat(metadata.get("scopes_supported"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains("mcp:access", "mcp:tools", "mcp:admin");
    }

    @Test
    void publicClientRegistersWithoutInitialAccessToken() {
        HttpResponse<String> response = http.postJson("/oauth2/register", """
                {"client_name": "MCP Inspector",
                 "redirect_uris": ["http://localhost:6274/oauth/callback"],
                 "grant_types": ["authorization_code", "refresh_token"],
                 "response_types": ["code"],
                 "token_endpoint_auth_method": "none",
                 "scope": "mcp:access mcp:tools"}
                """);

        assertThat(response.statusCode()).isEqualTo(201);
        Map<String, Object> client = AuthServerHttp.json(response);
        assertThat(client.get("client_id")).asString().isNotBlank();
        assertThat(client)
                .doesNotContainKey("client_secret")
                .containsEntry("token_endpoint_auth_method", "none")
                .containsEntry("scope", "mcp:access mcp:tools");
    }

    @Test
    void registrationWithoutScopeGetsAllDemoScopes() {
        HttpResponse<String> response = http.postJson("/oauth2/register", """
                {"redirect_uris": ["http://127.0.0.1:33418/"], "token_endpoint_auth_method": "none"}
                """);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(AuthServerHttp.json(response).get("scope"))
                .asString()
                .contains("mcp:access", "mcp:tools", "mcp:admin");
    }

    @Test
    void registrationAskingForForeignScopeIsRejected() {
        HttpResponse<String> response = http.postJson("/oauth2/register", """
                {"redirect_uris": ["http://127.0.0.1:33418/"], "scope": "mcp:access admin:everything"}
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AuthServerHttp.json(response)).containsEntry("error", "invalid_client_metadata");
    }

    @Test
    void browserClientOnLoopbackOriginPassesCorsPreflight() {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(URI.create(server.issuer() + "/oauth2/register"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://localhost:6274")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:6274");
    }

    @Test
    void metadataFetchedFromInspectorOriginCarriesCorsHeader() {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.issuer() + "/.well-known/oauth-authorization-server"))
                        .header("Origin", "http://localhost:6274")
                        .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:6274");
    }

    @Test
    void foreignOriginIsNotGrantedCors() {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.issuer() + "/.well-known/oauth-authorization-server"))
                        .header("Origin", "https://evil.example.com")
                        .GET());

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
