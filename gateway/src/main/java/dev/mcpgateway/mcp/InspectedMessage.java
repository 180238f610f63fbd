package dev.mcpgateway.mcp;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One JSON-RPC 2.0 message of a POST body, as the gateway read it (MCP 2025-11-25 basic, "Messages").
 *
 * @param kind   request, notification or response
 * @param id     the request id (a {@link String} or a {@link Number}), {@code null} for notifications
 * @param method the method of a request or notification, {@code null} for a response
 * @param name   what the call addresses, as the 2026-07-28 {@code Mcp-Name} header would name it:
 *               {@code params.name} of {@code tools/call} and {@code prompts/get}, {@code params.uri} of
 *               {@code resources/read}; {@code null} otherwise
 * @param envelope  the protocol revision the message claims in {@code params._meta} (MCP 2026-07-28 basic,
 *                  "Per-request protocol fields"); {@link Envelope#NONE} for a legacy message
 * @param arguments {@code params.arguments} of a {@code tools/call}, {@code null} otherwise: the values the
 *                  2026-07-28 {@code Mcp-Param-*} headers mirror
 * @param carriesRequestState whether {@code params} has a {@code requestState} member (MCP 2026-07-28
 *                  basic/patterns/mrtr), read from the parsed key so an escaped spelling counts too
 */
public record InspectedMessage(
        Kind kind,
        @Nullable Object id,
        @Nullable String method,
        @Nullable String name,
        Envelope envelope,
        @Nullable JsonNode arguments,
        boolean carriesRequestState) {

    /** The key of the protocol revision in {@code params._meta} (MCP 2026-07-28 basic, "Per-request protocol fields"). */
    public static final String PROTOCOL_VERSION_META = "io.modelcontextprotocol/protocolVersion";

    public static final String TOOLS_CALL = "tools/call";
    public static final String TOOLS_LIST = "tools/list";
    public static final String RESOURCES_READ = "resources/read";
    public static final String PROMPTS_GET = "prompts/get";
    public static final String INITIALIZE = "initialize";
    /** MCP 2026-07-28 "Subscriptions": a POST answered with a long-lived notification stream. */
    public static final String SUBSCRIPTIONS_LISTEN = "subscriptions/listen";

    /** A message without a per-request envelope (every revision before 2026-07-28). */
    public InspectedMessage(Kind kind, @Nullable Object id, @Nullable String method, @Nullable String name) {
        this(kind, id, method, name, Envelope.NONE, null, false);
    }

    /**
     * What {@code params._meta} says of the revision: nothing ({@link #NONE}), a revision ({@code version}), or a
     * version key that is not a string ({@link #MALFORMED}).
     *
     * @param version the claimed revision, {@code null} when none or malformed
     * @param malformed whether {@code _meta} or its version key is present but not of the right type
     */
    public record Envelope(@Nullable String version, boolean malformed) {
        public static final Envelope NONE = new Envelope(null, false);
        public static final Envelope MALFORMED = new Envelope(null, true);

        /** Whether the message claims a modern revision: the body decides the era, the header only cross-checks. */
        public boolean modern() {
            return version != null && ProtocolVersions.isModern(version);
        }
    }

    /** Whether this message claims a modern protocol revision (2026-07-28 or later). */
    public boolean isModern() {
        return envelope.modern();
    }

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
