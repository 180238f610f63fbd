package dev.mcpgateway.support;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * MCP 2026-07-28 requests as a modern client sends them: the per-request {@code _meta} envelope in the body and the
 * {@code MCP-Protocol-Version}, {@code Mcp-Method} and (for {@code tools/call}, {@code prompts/get} and
 * {@code resources/read}) {@code Mcp-Name} headers matching it.
 */
public final class ModernRequests {

    public static final String VERSION = "2026-07-28";
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + VERSION
            + "\",\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";

    private ModernRequests() {}

    /** The body of a request: {@code params} is the members of the params object without {@code _meta}, or empty. */
    public static String body(int id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{"
                + (params.isEmpty() ? "" : params + ",") + META + "}}";
    }

    /** POSTs a modern request; {@code name} is what {@code Mcp-Name} carries, or {@code null} for none. */
    public static WebTestClient.ResponseSpec post(
            WebTestClient client, String path, String token, String method, @Nullable String name, String body) {
        return client.post()
                .uri(path)
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    headers.set("MCP-Protocol-Version", VERSION);
                    headers.set("Mcp-Method", method);
                    if (name != null) {
                        headers.set("Mcp-Name", name);
                    }
                    headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM));
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
