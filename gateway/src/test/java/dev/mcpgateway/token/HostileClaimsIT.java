package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.mcpgateway.support.GatewayIntegrationTest;
import dev.mcpgateway.support.RecordedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Validly signed tokens from a trusted issuer whose claims are hostile. Numeric dates (RFC 7519 §2 NumericDate)
 * outside any sane range, or of the wrong JSON type, are refused before any arithmetic that could wrap them
 * around; identity claims with control characters are refused, because no upstream header or log line can carry
 * them faithfully. Either way the answer is {@code 401 invalid_token}, never a {@code 500}, and the upstream
 * receives nothing. Printable non-ASCII identities are accepted and reach the upstream encoded.
 */
class HostileClaimsIT extends GatewayIntegrationTest {

    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";

    static Stream<Arguments> hostileDates() {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                date("exp that wraps around to the future when multiplied", "exp", -18446742277593213L),
                date("nbf that wraps around to the past", "nbf", 18446745869824690L),
                date("iat that wraps", "iat", 18446745869824690L),
                date("negative exp", "exp", -1L),
                date("exp past the year 9999", "exp", 253402300800L + 1),
                date("exp as a string", "exp", String.valueOf(now + 600)),
                date("exp as a boolean", "exp", true),
                date("exp as an object", "exp", Map.of("value", now + 600)),
                date("exp as a list", "exp", List.of(now + 600)),
                date("exp as a huge double", "exp", 1.0e300),
                date("exp as NaN-like huge exponent", "exp", Double.MAX_VALUE),
                date("nbf as a string", "nbf", "0"),
                date("iat as a negative double", "iat", -1.5e18));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDates")
    void insaneNumericDateIsAnInvalidToken(String attack, String claim, Object value) {
        assertInvalidToken(claims -> claims.claim(claim, value));
    }

    @Test
    void fractionalSecondsWithinRangeAreAccepted() {
        double exp = Instant.now().plusSeconds(600).getEpochSecond() + 0.5;
        int before = PEERS.upstream.count();
        post(validToken(claims -> claims.claim("exp", exp))).expectStatus().isOk();
        assertThat(PEERS.upstream.count()).isEqualTo(before + 1);
    }

    static Stream<Arguments> controlCharacters() {
        return Stream.of(
                identity("CR LF in sub", claims -> claims.subject("alice\r\nX-MCP-Scopes: mcp:admin")),
                identity("LF in sub", claims -> claims.subject("alice\nroot")),
                identity("NUL in sub", claims -> claims.subject("alice\u0000")),
                identity("DEL in sub", claims -> claims.subject("alice\u007F")),
                identity("C1 control in sub", claims -> claims.subject("alice\u0085")),
                identity("tab in sub", claims -> claims.subject("al\tice")),
                identity("CR LF in client_id", claims -> claims.claim("client_id", "client\r\nX: y")),
                identity(
                        "CR in the issuer-mapped subject when sub is absent",
                        claims -> claims.subject(null).claim("client_id", "client\r")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controlCharacters")
    void identityWithControlCharactersIsAnInvalidToken(String attack, Consumer<JWTClaimsSet.Builder> claims) {
        assertInvalidToken(claims);
    }

    static Stream<Arguments> identityClaimsOfTheWrongType() {
        return Stream.of(
                identity("sub as an object", claims -> claims.claim("sub", Map.of("id", "admin"))),
                identity("sub as a list", claims -> claims.claim("sub", List.of("admin", "alice"))),
                identity("sub as a number", claims -> claims.claim("sub", 42)),
                identity("sub as a boolean", claims -> claims.claim("sub", true)),
                identity("client_id as an object", claims -> claims.claim("client_id", Map.of("id", "c"))),
                identity("client_id as a number", claims -> claims.claim("client_id", 7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identityClaimsOfTheWrongType")
    void identityClaimOfTheWrongTypeIsAnInvalidToken(String attack, Consumer<JWTClaimsSet.Builder> claims) {
        assertInvalidToken(claims);
    }

    @Test
    void scopeValuesThatAreNoScopeTokensNeverReachTheUpstream() {
        for (Object scope : List.of(
                List.of("mcp:access", "x mcp:admin"),
                List.of("mcp:access", "x\u0000", 5),
                "mcp:access mcp:\nadmin",
                Map.of("mcp:access", true, "y mcp:admin", true))) {
            post(validToken(claims -> claims.claim("scope", scope)))
                    .expectStatus()
                    .isOk();
            assertThat(PEERS.upstream.last().header("X-MCP-Scopes"))
                    .as("%s", scope)
                    .isEqualTo("mcp:access");
        }
    }

    @Test
    void numericTenantClaimsAreOneTenantWhateverTheirSpellingAndOnlyIntegersCount() {
        String limited = "/limited/mcp";
        for (Object org : List.of(4242, 4242.0)) {
            client().post()
                    .uri(limited)
                    .headers(h -> h.setBearerAuth(tokenFor(limited, "mcp:access", claims -> claims.claim("org", org))))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(CALL)
                    .exchange()
                    .expectStatus()
                    .isOk();
            assertThat(PEERS.upstream.last().header("X-MCP-Tenant"))
                    .as("%s", org)
                    .isEqualTo("4242");
        }
        for (Object org : List.<Object>of(1.0e308, 42.5, Map.of("id", "acme"), List.of("acme"), true)) {
            int before = PEERS.upstream.count();
            client().post()
                    .uri(limited)
                    .headers(h -> h.setBearerAuth(tokenFor(limited, "mcp:access", claims -> claims.claim("org", org))))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(CALL)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
            assertThat(PEERS.upstream.count()).as("%s", org).isEqualTo(before);
        }
    }

    @Test
    void printableNonAsciiSubjectReachesTheUpstreamEncoded() {
        post(validToken(claims -> claims.subject("José Müller"))).expectStatus().isOk();
        RecordedRequest received = PEERS.upstream.last();
        assertThat(received.header("X-MCP-Subject")).isEqualTo("=?base64?Sm9zw6kgTcO8bGxlcg==?=");
    }

    private void assertInvalidToken(Consumer<JWTClaimsSet.Builder> claims) {
        int before = PEERS.upstream.count();
        EntityExchangeResult<String> result = post(validToken(claims))
                .expectStatus()
                .isUnauthorized()
                .expectBody(String.class)
                .returnResult();
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .contains("error=\"invalid_token\"");
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String token) {
        return client().post()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CALL)
                .exchange();
    }

    private static String validToken(Consumer<JWTClaimsSet.Builder> claims) {
        return PEERS.authorizationServer.token(PEERS.resource(), "mcp:access", claims);
    }

    private static Arguments date(String name, String claim, Object value) {
        return Arguments.of(name, claim, value);
    }

    private static Arguments identity(String name, Consumer<JWTClaimsSet.Builder> claims) {
        return Arguments.of(name, claims);
    }
}
