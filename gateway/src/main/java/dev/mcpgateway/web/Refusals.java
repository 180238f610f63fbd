package dev.mcpgateway.web;

import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * The refusal the gateway answered an exchange with, recorded by {@link ErrorResponseWriter} as it writes it, so that
 * metrics and the audit trail classify every answer from one fact instead of re-deriving it from the status code.
 * An exchange without a recorded refusal was forwarded to its upstream.
 */
public final class Refusals {

    private static final String ATTRIBUTE = Refusals.class.getName();

    private Refusals() {}

    static void record(ServerWebExchange exchange, GatewayError error) {
        exchange.getAttributes().put(ATTRIBUTE, error);
    }

    /** The error the gateway answered with; empty when the request reached the upstream. */
    public static Optional<GatewayError> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }
}
