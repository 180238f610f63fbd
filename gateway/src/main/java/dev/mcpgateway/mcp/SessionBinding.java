package dev.mcpgateway.mcp;

import org.jspecify.annotations.Nullable;

/**
 * A session id's binding.
 *
 * @param owner            the principal that created the session
 * @param upstreamEndpoint for a legacy HTTP+SSE session, the upstream's message endpoint (path and
 *                         query, as its {@code endpoint} event named it); {@code null} for Streamable HTTP
 */
public record SessionBinding(SessionOwner owner, @Nullable String upstreamEndpoint) {

    public static SessionBinding of(SessionOwner owner) {
        return new SessionBinding(owner, null);
    }
}
