package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantResolverTest {

    @Test
    void theRouteTenantClaimNamesTheTenant() {
        assertThat(TenantResolver.tenant(principal("client", Map.of("org_id", "acme")), "org_id"))
                .isEqualTo("acme");
        assertThat(TenantResolver.tenant(principal("client", Map.of("tid", 42)), "tid"))
                .isEqualTo("42");
    }

    @Test
    void withoutTheClaimTheClientIdIsTheTenant() {
        assertThat(TenantResolver.tenant(principal("client", Map.of()), "org_id"))
                .isEqualTo("client");
        assertThat(TenantResolver.tenant(principal("client", Map.of("org_id", "  ")), "org_id"))
                .as("blank")
                .isEqualTo("client");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        TenantResolver.tenant(principal("client", Map.of("org_id", List.of("a", "b"))), "org_id"))
                .as("a list names no single tenant: the token is refused rather than counted as its client's")
                .isInstanceOf(org.springframework.security.oauth2.server.resource.InvalidBearerTokenException.class);
        assertThat(TenantResolver.tenant(principal("client", Map.of("org_id", "acme")), null))
                .as("route without tenant-claim")
                .isEqualTo("client");
    }

    @Test
    void withoutAClientIdTheSubjectIsTheTenant() {
        assertThat(TenantResolver.tenant(principal(null, Map.of()), "org_id")).isEqualTo("alice");
        assertThat(TenantResolver.tenant(principal("", Map.of()), null)).isEqualTo("alice");
    }

    private static TokenPrincipal principal(String clientId, Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(claims);
        all.put("sub", "alice");
        return new TokenPrincipal(
                "https://issuer",
                "alice",
                clientId,
                Set.of("mcp:access"),
                Instant.now().plusSeconds(60),
                all);
    }
}
