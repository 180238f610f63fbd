package dev.mcpgateway.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * Whether a request opens a long-lived stream rather than a call: a GET (MCP 2025-11-25 Streamable HTTP, "Listening
 * for Messages from the Server"), or a POST of {@code subscriptions/listen} (MCP 2026-07-28 "Subscriptions"), which
 * replaced it. A GET is known from its method; a listen only once MCP inspection has read the body, so steps that
 * counted the request earlier ask to be told ({@link #onStream}).
 */
public final class StreamExchange {

    private static final String MARK = StreamExchange.class.getName() + ".listen";
    private static final String LISTENERS = StreamExchange.class.getName() + ".listeners";

    private StreamExchange() {}

    /** Whether the request is a stream. */
    public static boolean isStream(ServerWebExchange exchange) {
        return HttpMethod.GET.equals(exchange.getRequest().getMethod())
                || Boolean.TRUE.equals(exchange.getAttribute(MARK));
    }

    /** Marks a POST as a stream ({@code subscriptions/listen}) and tells every step that asked. */
    public static void markStream(ServerWebExchange exchange) {
        if (isStream(exchange)) {
            return;
        }
        exchange.getAttributes().put(MARK, Boolean.TRUE);
        List<Runnable> listeners = exchange.getAttribute(LISTENERS);
        if (listeners != null) {
            listeners.forEach(Runnable::run);
        }
    }

    /** Runs {@code listener} if a POST of this exchange later turns out to be a stream. */
    public static void onStream(ServerWebExchange exchange, Runnable listener) {
        List<Runnable> listeners = exchange.getAttribute(LISTENERS);
        if (listeners == null) {
            listeners = new ArrayList<>();
            exchange.getAttributes().put(LISTENERS, listeners);
        }
        listeners.add(listener);
    }
}
