package dev.mcpgateway.token;

import org.jspecify.annotations.Nullable;

/**
 * Which tenant a request belongs to: the key of its rate-limit buckets and the upstream's {@code X-MCP-Tenant}. The
 * tenant is the value of the route's {@code tenant-claim} (e.g.
 * {@code org_id}, Entra's {@code tid}) when the token carries it as a non-empty string or number;
 * otherwise the OAuth client ({@code client_id}, RFC 9068 §2.2, else {@code azp}); otherwise the
 * subject ({@code sub}). Tokens come from trusted authorization servers only, so the value is as
 * trustworthy as the claim.
 */
public final class TenantResolver {

    /** The decimal form of an integral number within {@code long} range. */
    private static String integer(Number number) {
        try {
            return Long.toString(new java.math.BigDecimal(number.toString()).longValueExact());
        } catch (ArithmeticException | NumberFormatException notAnInteger) {
            throw TokenRejection.INVALID_IDENTITY_CLAIM.exception();
        }
    }

    private TenantResolver() {}

    /**
     * @throws org.springframework.security.oauth2.server.resource.InvalidBearerTokenException when the tenant claim is
     *         present but neither a string nor an integer: {@code 42} and {@code 42.0} are one tenant, an object or
     *         {@code 1e308} is none (authentication checks this once; later callers never see it thrown)
     */
    public static String tenant(TokenPrincipal principal, @Nullable String tenantClaim) {
        if (tenantClaim != null) {
            Object value = principal.claims().get(tenantClaim);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
            if (value instanceof Number number) {
                return integer(number);
            }
            if (value != null && !(value instanceof String)) {
                throw TokenRejection.INVALID_IDENTITY_CLAIM.exception();
            }
        }
        if (principal.clientId() != null && !principal.clientId().isBlank()) {
            return principal.clientId();
        }
        return principal.subject() == null ? "" : principal.subject();
    }
}
