package dev.mcpgateway.resilience;

import dev.mcpgateway.web.StreamExchange;
import org.springframework.web.server.ServerWebExchange;

/**
 * The two shapes of traffic on an MCP endpoint (MCP 2025-11-25 transports, "Streamable HTTP"): a GET opens a
 * long-lived server-sent-event stream ("Listening for Messages from the Server"), and so does a 2026-07-28
 * {@code subscriptions/listen} POST, which replaced it; every other request is a call whose answer, even when
 * streamed, ends with the response to its request.
 */
public enum RequestKind {
    CALL,
    STREAM;

    /** The kind as far as it is known yet: a listen POST is a call until MCP inspection has read its body. */
    public static RequestKind of(ServerWebExchange exchange) {
        return StreamExchange.isStream(exchange) ? STREAM : CALL;
    }
}
