package dev.mcpgateway.support;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * One HTTP request as a fake peer ({@link ScriptedUpstream}, {@link TestAuthorizationServer}) received it: every
 * header field in arrival order (a name may repeat), and the whole body as UTF-8 text. The JSON-RPC helpers read
 * the body as text on purpose, so that a test can look at bytes a JSON parser would normalize.
 *
 * @param method the request method, e.g. {@code POST}
 * @param uri    the request target: path and query
 * @param headers the header fields
 * @param body   the body, {@code ""} when there is none
 */
public record RecordedRequest(String method, String uri, HttpHeaders headers, String body) {

    /** The first value of {@code name} (case-insensitive), {@code null} when absent. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The request target without its query. */
    public String path() {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** The {@code Mcp-Session-Id} the request carried, {@code null} when none. */
    public String sessionId() {
        return header("Mcp-Session-Id");
    }

    /** Whether this is a {@code POST} whose JSON-RPC method is {@code jsonRpcMethod}. */
    public boolean isPost(String jsonRpcMethod) {
        return method.equals("POST") && body.contains("\"method\":\"" + jsonRpcMethod + "\"");
    }

    /** The raw JSON text of the request id, e.g. {@code 1} or {@code "a"}; {@code null} when absent. */
    public String rawId() {
        int at = body.indexOf("\"id\":");
        if (at < 0) {
            return null;
        }
        int start = at + 5;
        int end = start;
        while (end < body.length() && ",}".indexOf(body.charAt(end)) < 0) {
            end++;
        }
        return body.substring(start, end).trim();
    }
}
