package dev.mcpgateway.mcp;

import dev.mcpgateway.token.ExchangePrincipal;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/** The {@link SessionOwner} of the token that authenticated an exchange; empty when none did. */
final class SessionPrincipal {

    /** MCP 2025-11-25 transports: session ids are visible ASCII; anything else, or absurdly long, is unknown. */
    private static final int MAX_SESSION_ID_LENGTH = 1024;

    private SessionPrincipal() {}

    static Optional<SessionOwner> of(ServerWebExchange exchange) {
        return ExchangePrincipal.of(exchange).map(SessionOwner::of);
    }

    static boolean plausibleSessionId(String sessionId) {
        return !sessionId.isEmpty()
                && sessionId.length() <= MAX_SESSION_ID_LENGTH
                && sessionId.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }
}
