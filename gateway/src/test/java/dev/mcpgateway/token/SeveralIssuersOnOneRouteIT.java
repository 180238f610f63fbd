package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.mcpgateway.McpAuthGatewayApplication;
import dev.mcpgateway.proxy.UpstreamRequestHeaders;
import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * A route that trusts a JWT authorization server and an opaque-token (introspection) authorization server, through
 * the running gateway: each token is validated by its own server, an untrusted issuer costs no network call, an
 * introspection outage answers {@code 503} (never {@code 401}, never the upstream), and the authorization servers'
 * metadata is checked, reported in health and mirrored for MCP 2025-03-26 clients.
 */
@SpringBootTest(classes = McpAuthGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SeveralIssuersOnOneRouteIT {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{}}";
    private static final int PORT = TestPeers.freePort();
    private static final String GATEWAY = "http://127.0.0.1:" + PORT;
    private static final String RESOURCE = GATEWAY + "/mixed/mcp";

    private static final TestAuthorizationServer JWT_SERVER = TestAuthorizationServer.start();
    private static final TestAuthorizationServer OPAQUE_SERVER = TestAuthorizationServer.start();
    private static final ScriptedUpstream UPSTREAM = TestPeers.startUpstream();
    private static final String JWT_ISSUER = JWT_SERVER.baseUrl() + "/corp";
    private static final String OPAQUE_ISSUER = OPAQUE_SERVER.baseUrl() + "/opaque";
    private static final Map<String, Object> JWT_SERVER_METADATA = Map.of(
            "issuer",
            JWT_ISSUER,
            "jwks_uri",
            JWT_SERVER.baseUrl() + "/jwks",
            "token_endpoint",
            JWT_ISSUER + "/token",
            "authorization_endpoint",
            JWT_ISSUER + "/authorize",
            "code_challenge_methods_supported",
            List.of("S256"));

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        GatewayUnderTest.properties(registry, SeveralIssuersOnOneRouteIT::writeRoutes, PORT);
    }

    @AfterAll
    static void stopPeers() {
        UPSTREAM.close();
        JWT_SERVER.close();
        OPAQUE_SERVER.close();
    }

    @Test
    void jwtIsValidatedByItsOwnServerAndNeverIntrospected() {
        int introspections = OPAQUE_SERVER.introspectionCalls();

        post("/mixed/mcp", jwt(JWT_ISSUER)).expectStatus().isOk();

        assertThat(UPSTREAM.last().header(UpstreamRequestHeaders.SUBJECT)).isEqualTo("alice");
        assertThat(OPAQUE_SERVER.introspectionCalls()).isEqualTo(introspections);
    }

    @Test
    void opaqueTokenIsValidatedByIntrospectionAtItsOwnServer() {
        String token = OpaqueTokenVerificationTest.newToken();
        OPAQUE_SERVER.answerIntrospection(token, active("bob"));
        int keyAndMetadataRequests = JWT_SERVER.totalRequests();

        post("/mixed/mcp", token).expectStatus().isOk();

        assertThat(UPSTREAM.last().header(UpstreamRequestHeaders.SUBJECT)).isEqualTo("bob");
        assertThat(UPSTREAM.last().header(HttpHeaders.AUTHORIZATION)).isNull();
        assertThat(OPAQUE_SERVER.introspectionRequests())
                .last()
                .satisfies(
                        request -> assertThat(request.header("Authorization")).startsWith("Basic "));
        assertThat(JWT_SERVER.totalRequests()).isEqualTo(keyAndMetadataRequests);
    }

    @Test
    void jwtFromAnUntrustedIssuerIsRejectedWithZeroNetworkCalls() {
        int before = JWT_SERVER.totalRequests() + OPAQUE_SERVER.totalRequests();
        int upstream = UPSTREAM.count();

        post("/mixed/mcp", jwt("https://untrusted.example"))
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge)
                                .contains("error_description=\"The token issuer is not trusted for this resource\""));

        assertThat(JWT_SERVER.totalRequests() + OPAQUE_SERVER.totalRequests()).isEqualTo(before);
        assertThat(UPSTREAM.count()).isEqualTo(upstream);
    }

    @Test
    void inactiveOpaqueTokenGets401InvalidToken() {
        String token = OpaqueTokenVerificationTest.newToken();
        OPAQUE_SERVER.answerIntrospection(token, Map.of("active", false));

        post("/mixed/mcp", token)
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge)
                                .contains("error=\"invalid_token\"")
                                .contains("error_description=\"The access token is not active\""));
    }

    @Test
    void introspectionEndpointDownGets503WithRetryAfterAndNeverReachesTheUpstream() {
        assertUnavailable("/gone/mcp", OpaqueTokenVerificationTest.newToken());
    }

    @Test
    void introspectionEndpointSlowerThanItsTimeoutGets503() {
        String token = OpaqueTokenVerificationTest.newToken();
        OPAQUE_SERVER.answerIntrospection(token, active("carol"), Duration.ofSeconds(4));

        assertUnavailable("/mixed/mcp", token);
    }

    @Test
    void twentyConcurrentRequestsWithOneNewTokenCauseOneIntrospectionCall() {
        String token = OpaqueTokenVerificationTest.newToken();
        OPAQUE_SERVER.answerIntrospection(token, active("dave"), Duration.ofMillis(300));
        WebClient client = WebClient.create(GATEWAY);

        List<HttpStatusCode> statuses = Flux.range(0, 20)
                .flatMap(
                        i -> client.post()
                                .uri("/mixed/mcp")
                                .headers(h -> h.setBearerAuth(token))
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(INITIALIZE)
                                .exchangeToMono(
                                        response -> response.releaseBody().thenReturn(response.statusCode())),
                        20)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(statuses).hasSize(20).allMatch(status -> status.value() == 200);
        assertThat(OPAQUE_SERVER.introspectionRequests().stream()
                        .filter(request -> request.body().contains("token=" + token)))
                .hasSize(1);
    }

    @Test
    void legacyClientsFindTheConfiguredServersMetadataAtTheGatewayOrigin() throws Exception {
        String body = client().get()
                .uri("/.well-known/oauth-authorization-server")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(JSONObjectUtils.parse(body))
                .isEqualTo(JSONObjectUtils.parse(JSONObjectUtils.toJSONString(JWT_SERVER_METADATA)));
    }

    @Test
    void healthShowsEachServersMetadataAndWarnsWhenS256IsMissing() {
        client().get()
                .uri("/actuator/health/authorization-servers")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.authorizationServers.details.corp.metadata")
                .isEqualTo("valid")
                .jsonPath("$.components.authorizationServers.details.corp.pkceS256")
                .isEqualTo(true)
                .jsonPath("$.components.authorizationServers.details.corp.warnings")
                .isEmpty()
                .jsonPath("$.components.authorizationServers.details.opaque.metadata")
                .isEqualTo("valid")
                .jsonPath("$.components.authorizationServers.details.opaque.pkceS256")
                .isEqualTo(false)
                .jsonPath("$.components.authorizationServers.details.opaque.warnings[0]")
                .value(warning -> assertThat((String) warning).contains("S256").contains("MCP clients must refuse"))
                .jsonPath("$.components.authorizationServers.details.gone.metadata")
                .isEqualTo("unreachable");
    }

    private void assertUnavailable(String path, String token) {
        int upstream = UPSTREAM.count();
        post(path, token)
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectHeader()
                .doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.jsonrpc")
                .isEqualTo("2.0")
                .jsonPath("$.error.code")
                .isEqualTo(-32000);
        assertThat(UPSTREAM.count()).as("never passed to the upstream").isEqualTo(upstream);
    }

    private WebTestClient.ResponseSpec post(String path, String token) {
        return client().post()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(INITIALIZE)
                .exchange();
    }

    private static WebTestClient client() {
        return GatewayUnderTest.client(GATEWAY);
    }

    private static String jwt(String issuer) {
        Instant now = Instant.now();
        return TestTokens.token(TestKeys.RSA_1)
                .issuer(issuer)
                .audience(RESOURCE)
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(5)))
                .serialize();
    }

    private static Map<String, Object> active(String subject) {
        Instant now = Instant.now();
        Map<String, Object> response = new HashMap<>();
        response.put("active", true);
        response.put("iss", OPAQUE_ISSUER);
        response.put("sub", subject);
        response.put("client_id", "agent");
        response.put("aud", List.of(RESOURCE));
        response.put("scope", "mcp:access");
        response.put("iat", now.getEpochSecond());
        response.put("exp", now.plusSeconds(300).getEpochSecond());
        return response;
    }

    private static String writeRoutes() {
        JWT_SERVER.publishKeys(TestKeys.RSA_1);
        JWT_SERVER.publishDocument(
                "/.well-known/oauth-authorization-server/corp", 200, JSONObjectUtils.toJSONString(JWT_SERVER_METADATA));
        OPAQUE_SERVER.publishJson(
                "/.well-known/oauth-authorization-server/opaque",
                Map.of(
                        "issuer",
                        OPAQUE_ISSUER,
                        "introspection_endpoint",
                        OPAQUE_SERVER.introspectionUri().toString(),
                        "code_challenge_methods_supported",
                        List.of("plain")));
        String routes = """
                gateway:
                  public-base-url: %s
                  legacy-authorization-server-metadata: corp
                  authorization-servers:
                    corp:
                      issuer: %s
                      token-format: jwt
                    opaque:
                      issuer: %s
                      token-format: opaque
                      introspection:
                        uri: %s
                        client-id: mcp-gateway
                        client-secret: ${INTROSPECTION_SECRET:s3cret}
                        client-auth: basic
                        timeout: 1s
                        cache-ttl: 60s
                    gone:
                      issuer: http://127.0.0.1:%d/gone
                      token-format: opaque
                      introspection: { uri: "http://127.0.0.1:%d/introspect", client-id: g, client-secret: s, timeout: 1s }
                routes:
                  - id: mixed
                    path: /mixed/mcp
                    upstream: %s
                    authorization-servers: [corp, opaque]
                    scopes:
                      required: [mcp:access]
                  - id: gone
                    path: /gone/mcp
                    upstream: %s
                    authorization-servers: [gone]
                """.formatted(
                        GATEWAY,
                        JWT_ISSUER,
                        OPAQUE_ISSUER,
                        OPAQUE_SERVER.introspectionUri(),
                        TestPeers.freePort(),
                        TestPeers.freePort(),
                        UPSTREAM.mcpUrl(),
                        UPSTREAM.mcpUrl());
        return GatewayUnderTest.writeRoutes("several-issuers", routes).toString();
    }
}
