package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.config.ClaimMapping;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** The claim mapping turns each provider's claim shapes into one {@link TokenPrincipal}. */
class TokenPrincipalMappingTest {

    @Test
    void defaultsReadASpaceDelimitedScopeAndClientId() {
        TokenPrincipal principal =
                TokenPrincipal.from(jwt(claims -> claims.put("scope", "a b  c").put("client_id", "c1")));

        assertThat(principal.scopes()).containsExactly("a", "b", "c");
        assertThat(principal.clientId()).isEqualTo("c1");
        assertThat(principal.subject()).isEqualTo("alice");
        assertThat(principal.issuer()).isEqualTo("https://as.example");
    }

    @Test
    void defaultsFallBackToScpAsStringOrArray() {
        assertThat(TokenPrincipal.from(jwt(claims -> claims.put("scp", "a b"))).scopes())
                .containsExactly("a", "b");
        assertThat(TokenPrincipal.from(jwt(claims -> claims.put("scp", List.of("a", "b"))))
                        .scopes())
                .containsExactly("a", "b");
    }

    @Test
    void defaultClientIdIsTheFirstOfClientIdAzpCidAppid() {
        assertThat(TokenPrincipal.from(jwt(claims -> claims.put("azp", "a").put("cid", "b")))
                        .clientId())
                .isEqualTo("a");
        assertThat(TokenPrincipal.from(jwt(claims -> claims.put("cid", "b").put("appid", "c")))
                        .clientId())
                .isEqualTo("b");
        assertThat(TokenPrincipal.from(jwt(claims -> claims.put("appid", "c"))).clientId())
                .isEqualTo("c");
        assertThat(TokenPrincipal.from(
                                jwt(claims -> claims.put("client_id", "x").put("azp", "a")))
                        .clientId())
                .isEqualTo("x");
        assertThat(TokenPrincipal.from(jwt(claims -> {})).clientId()).isNull();
    }

    @Test
    void configuredScopeClaimIsTheOnlyOneRead() {
        ClaimMapping permissions = new ClaimMapping("permissions", null, null, null);
        TokenPrincipal principal = TokenPrincipal.from(
                jwt(claims -> claims.put("scope", "openid").put("permissions", List.of("mcp:access"))), permissions);

        assertThat(principal.scopes()).containsExactly("mcp:access");
    }

    @Test
    void scopeClaimHoldingAnObjectGrantsItsKeys() {
        ClaimMapping roles = new ClaimMapping("urn:zitadel:iam:org:project:roles", null, null, null);
        TokenPrincipal principal = TokenPrincipal.from(
                jwt(claims -> claims.put(
                        "urn:zitadel:iam:org:project:roles", Map.of("mcp:access", Map.of("org1", "acme.example")))),
                roles);

        assertThat(principal.scopes()).containsExactly("mcp:access");
    }

    @Test
    void configuredClientIdAndSubjectClaimsAreUsed() {
        ClaimMapping entra = new ClaimMapping(null, "azp", null, "oid");
        TokenPrincipal principal = TokenPrincipal.from(
                jwt(claims ->
                        claims.put("client_id", "ignored").put("azp", "app").put("oid", "object-id")),
                entra);

        assertThat(principal.clientId()).isEqualTo("app");
        assertThat(principal.subject()).isEqualTo("object-id");
    }

    @Test
    void tokenWithoutSubjectSpeaksForItsClientUnderANamespaceNoUserSubjectCanTake() {
        TokenPrincipal principal =
                TokenPrincipal.from(jwt(claims -> claims.remove("sub").put("client_id", "svc")));

        assertThat(principal.subject()).isEqualTo("client:svc");
        assertThat(principal.clientId()).isEqualTo("svc");
    }

    @Test
    void tokenWithNeitherSubjectNorClientIsRejected() {
        assertThatThrownBy(() -> TokenPrincipal.from(jwt(claims -> claims.remove("sub"))))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessage(TokenRejection.MISSING_SUBJECT.description());
    }

    private static Jwt jwt(Consumer<Claims> customizer) {
        Claims claims = new Claims();
        claims.put("iss", "https://as.example").put("sub", "alice");
        customizer.accept(claims);
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .expiresAt(Instant.parse("2026-03-01T10:10:00Z"))
                .claims(values -> values.putAll(claims.values))
                .build();
    }

    private static final class Claims {
        private final Map<String, Object> values = new java.util.LinkedHashMap<>();

        Claims put(String name, Object value) {
            values.put(name, value);
            return this;
        }

        Claims remove(String name) {
            values.remove(name);
            return this;
        }
    }
}
