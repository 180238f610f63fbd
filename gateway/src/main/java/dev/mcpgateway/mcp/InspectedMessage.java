package dev.mcpgateway.mcp;

import org.jspecify.annotations.Nullable;

/**
 * One JSON-RPC 2.0 message of a POST body, as the gateway read it (MCP 2025-11-25 basic, "Messages").
 *
 * @param kind   request, notification or response
 * @param id     the request id (a {@link String} or a {@link Number}), {@code null} for notifications
 * @param method the method of a request or notification, {@code null} for a response
 * @param name   what the call addresses, as the 2026-07-28 {@code Mcp-Name} header would name it:
 *               {@code params.name} of {@code tools/call} and {@code prompts/get}, {@code params.uri} of
 *               {@code resources/read}; {@code null} otherwise
 */
public record InspectedMessage(
        Kind kind,
        @Nullable Object id,
        @Nullable String method,
        @Nullable String name) {

    public static final String TOOLS_CALL = "tools/call";
    public static final String TOOLS_LIST = "tools/list";
    public static final String RESOURCES_READ = "resources/read";
    public static final String PROMPTS_GET = "prompts/get";
    public static final String INITIALIZE = "initialize";

    /** A {@code tools/call} always names its tool: {@link #toolName()} is present exactly for tool calls. */
    public InspectedMessage {
        if (TOOLS_CALL.equals(method) && name == null) {
            throw new IllegalArgumentException("A tools/call names its tool");
        }
    }

    /** JSON-RPC 2.0 §4: a request has an id, a notification does not; a response has a result or an error. */
    public enum Kind {
        REQUEST,
        NOTIFICATION,
        RESPONSE
    }

    /**
     * A {@code tools/call}, even one sent without an id: a lenient upstream might still run it, so the
     * gateway authorizes it like a request.
     */
    public boolean isToolCall() {
        return TOOLS_CALL.equals(method);
    }

    /** The called tool, for a {@code tools/call}. */
    public @Nullable String toolName() {
        return isToolCall() ? name : null;
    }

    /** The read resource, for a {@code resources/read} request. */
    public @Nullable String resourceUri() {
        return RESOURCES_READ.equals(method) ? name : null;
    }

    /** The requested prompt, for a {@code prompts/get} request. */
    public @Nullable String promptName() {
        return PROMPTS_GET.equals(method) ? name : null;
    }
}
