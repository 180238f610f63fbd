package dev.mcpgateway.mcp;

import dev.mcpgateway.token.TokenPrincipal;

/**
 * Who a session belongs to: the token's {@code (iss, sub)}, never the token itself, so a refreshed token of the same
 * principal keeps the session (MCP security best practices, "Session Hijacking": bind session ids to user
 * information; stacklok/toolhive#5306 shows what binding to the raw token breaks).
 *
 * @param issuer  {@code iss}
 * @param subject {@code sub}, or {@code client:<client id>} for a token that names no user
 * @param client  whether {@code subject} was made from the client id: a user whose own {@code sub} reads
 *                {@code client:<id>} is never that client
 */
public record SessionOwner(String issuer, String subject, boolean client) {

    /** A user's session. */
    public SessionOwner(String issuer, String subject) {
        this(issuer, subject, false);
    }

    public static SessionOwner of(TokenPrincipal principal) {
        return new SessionOwner(principal.issuer(), principal.subject(), principal.clientSubject());
    }
}
