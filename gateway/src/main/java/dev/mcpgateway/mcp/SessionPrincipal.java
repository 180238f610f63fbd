package dev.mcpgateway.mcp;

import dev.mcpgateway.token.TokenAuthentication;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The {@link SessionOwner} of the token that authenticated an exchange; empty when none did. */
final class SessionPrincipal {

    /** MCP 2025-11-25 transports: session ids are visible ASCII; anything else, or absurdly long, is unknown. */
    private static final int MAX_SESSION_ID_LENGTH = 1024;

    private SessionPrincipal() {}

    static Mono<SessionOwner> of(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(TokenAuthentication.class::isInstance)
                .map(principal -> SessionOwner.of(((TokenAuthentication) principal).getPrincipal()));
    }

    static boolean plausibleSessionId(String sessionId) {
        return !sessionId.isEmpty()
                && sessionId.length() <= MAX_SESSION_ID_LENGTH
                && sessionId.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }
}
