package dev.mcpgateway.token;

/**
 * Which tenant a request belongs to: the key of its rate-limit buckets and the upstream's {@code X-MCP-Tenant}. The
 * tenant is the value of the route's {@code tenant-claim} (e.g.
 * {@code org_id}, Entra's {@code tid}) when the token carries it as a non-empty string or number;
 * otherwise the OAuth client ({@code client_id}, RFC 9068 §2.2, else {@code azp}); otherwise the
 * subject ({@code sub}). Tokens come from trusted authorization servers only, so the value is as
 * trustworthy as the claim.
 */
public final class TenantResolver {

    private TenantResolver() {}

    public static String tenant(TokenPrincipal principal, String tenantClaim) {
        if (tenantClaim != null) {
            Object value = principal.claims().get(tenantClaim);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
            if (value instanceof Number number) {
                return number.toString();
            }
        }
        if (principal.clientId() != null && !principal.clientId().isBlank()) {
            return principal.clientId();
        }
        return principal.subject() == null ? "" : principal.subject();
    }
}
