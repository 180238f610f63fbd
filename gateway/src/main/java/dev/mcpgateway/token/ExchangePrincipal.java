package dev.mcpgateway.token;

import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * The validated principal of an exchange, recorded once when its token passed validation. Steps that run after
 * authentication read it here, synchronously, instead of resolving the reactive security context again.
 */
public final class ExchangePrincipal {

    private static final String ATTRIBUTE = ExchangePrincipal.class.getName();

    private ExchangePrincipal() {}

    static void record(ServerWebExchange exchange, TokenPrincipal principal) {
        exchange.getAttributes().put(ATTRIBUTE, principal);
    }

    /** The principal of the exchange's validated token; empty when the request was not authenticated. */
    public static Optional<TokenPrincipal> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }
}
