package dev.mcpgateway.resilience;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The two shapes of traffic on an MCP endpoint (MCP 2025-11-25 transports, "Streamable HTTP"): a GET opens a
 * long-lived server-sent-event stream ("Listening for Messages from the Server"); every other method is a call
 * whose answer, even when streamed, ends with the response to its request.
 */
public enum RequestKind {
    CALL,
    STREAM;

    public static RequestKind of(ServerHttpRequest request) {
        return HttpMethod.GET.equals(request.getMethod()) ? STREAM : CALL;
    }
}
