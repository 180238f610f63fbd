package dev.mcpgateway.mcp;

import dev.mcpgateway.token.TokenPrincipal;

/**
 * Who a session belongs to: the token's {@code (iss, sub)}, never the token itself, so a refreshed
 * token of the same principal keeps the session (MCP security best practices, "Session Hijacking":
 * bind session ids to user information; stacklok/toolhive#5306 shows what binding to the raw token breaks).
 */
public record SessionOwner(String issuer, String subject) {

    public static SessionOwner of(TokenPrincipal principal) {
        return new SessionOwner(principal.issuer(), principal.subject());
    }
}
