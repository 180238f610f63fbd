package dev.mcpgateway.web;

/**
 * The names of the MCP transport header fields (MCP 2025-11-25 and 2026-07-28 Streamable HTTP), in one place.
 * Field names are case-insensitive (RFC 9110 §5.1); these are the spellings the specification uses.
 */
public final class McpHeaders {

    /** The session a request belongs to (2025-03-26 to 2025-11-25). */
    public static final String SESSION_ID = "Mcp-Session-Id";
    /** The negotiated protocol revision. */
    public static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    /** 2026-07-28 (SEP-2243): the JSON-RPC method of the body. */
    public static final String METHOD = "Mcp-Method";
    /** 2026-07-28 (SEP-2243): the tool, prompt or resource the call addresses. */
    public static final String NAME = "Mcp-Name";
    /** 2026-07-28 (SEP-2243): the prefix of headers mirroring annotated tool arguments. */
    public static final String PARAM_PREFIX = "Mcp-Param-";
    /** Resuming an SSE stream (WHATWG HTML §9.2.4; MCP 2025-11-25 "Resumability and Redelivery"). */
    public static final String LAST_EVENT_ID = "Last-Event-ID";

    /** The first revision whose requests carry their own version in {@code _meta} and have no session. */
    public static final String FIRST_MODERN_REVISION = "2026-07-28";

    private McpHeaders() {}
}
