package dev.mcpgateway.mcp;

import dev.mcpgateway.web.GatewayError;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The refusals of MCP inspection and session binding, as {@link GatewayError}s answered with a
 * JSON-RPC 2.0 error body (§5.1 codes) carrying the request id when it is known.
 */
public final class McpErrors {

    private McpErrors() {}

    /** {@code 400} with {@code -32700}, {@code -32600} or {@code -32602}. */
    public static GatewayError malformed(JsonRpcViolation violation) {
        return GatewayError.jsonRpc(HttpStatus.BAD_REQUEST, violation.code(), violation.getMessage(), Map.of());
    }

    /** RFC 9110 §15.5.14: the body exceeds {@code gateway.max-request-bytes}; it was never read whole. */
    public static GatewayError tooLarge(long maxBytes) {
        return GatewayError.jsonRpc(
                HttpStatus.CONTENT_TOO_LARGE,
                JsonRpcViolation.INVALID_REQUEST,
                "The request body exceeds " + maxBytes + " bytes",
                Map.of());
    }

    /** RFC 9110 §15.5.9: the body did not arrive within {@code gateway.server.request-body-timeout}. */
    public static GatewayError bodyTimeout(java.time.Duration timeout) {
        return GatewayError.jsonRpc(
                HttpStatus.REQUEST_TIMEOUT,
                JsonRpcViolation.INVALID_REQUEST,
                "The request body did not arrive within " + timeout.toSeconds() + " seconds",
                Map.of());
    }

    /** MCP 2026-07-28: headers that contradict the body get {@code 400}. */
    public static GatewayError headerMismatch(String reason) {
        return GatewayError.jsonRpc(HttpStatus.BAD_REQUEST, JsonRpcViolation.INVALID_REQUEST, reason, Map.of());
    }

    /** MCP 2026-07-28 basic, "Error Codes": the HTTP headers do not match the body, or are missing or malformed. */
    public static final int HEADER_MISMATCH = -32020;
    /** MCP 2026-07-28 basic, "Error Codes": the server does not implement the requested protocol version. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    /**
     * MCP 2026-07-28 Streamable HTTP, "Server Validation" (SEP-2243): {@code 400} with {@code -32020}; nothing of the
     * request reaches the upstream.
     */
    public static GatewayError modernHeaderMismatch(String reason) {
        return GatewayError.jsonRpc(HttpStatus.BAD_REQUEST, HEADER_MISMATCH, "Header mismatch: " + reason, Map.of());
    }

    /**
     * MCP 2026-07-28 basic, "Per-request protocol fields": a request whose {@code _meta} is not an object, or whose
     * version is not a string, or whose {@code MCP-Protocol-Version} header names a modern revision while the body
     * carries no envelope, is malformed: {@code 400} with {@code -32602}.
     */
    public static GatewayError malformedEnvelope(String reason) {
        return GatewayError.jsonRpc(
                HttpStatus.BAD_REQUEST, JsonRpcViolation.INVALID_PARAMS, "Invalid params: " + reason, Map.of());
    }

    /**
     * MCP 2026-07-28 Streamable HTTP, "Protocol Version Header": a {@code modern-only} route refuses a legacy request
     * with {@code 400} and {@code -32022} naming the versions it serves, the only diagnostic a legacy client shows.
     */
    public static GatewayError legacyRefused(String requested) {
        return GatewayError.jsonRpc(
                HttpStatus.BAD_REQUEST,
                UNSUPPORTED_PROTOCOL_VERSION,
                "Unsupported protocol version: this endpoint serves MCP " + ProtocolVersions.FIRST_MODERN
                        + " and later only",
                Map.of("supported", java.util.List.of(ProtocolVersions.FIRST_MODERN), "requested", requested));
    }

    /** MCP 2026-07-28 Streamable HTTP, "Sending Messages to the Server": modern traffic is one message per POST. */
    public static GatewayError modernBatch() {
        return GatewayError.jsonRpc(
                HttpStatus.BAD_REQUEST,
                JsonRpcViolation.INVALID_REQUEST,
                "Invalid Request: JSON-RPC batches may not contain requests for protocol revision "
                        + ProtocolVersions.FIRST_MODERN + " or later",
                Map.of());
    }

    /** MCP 2025-06-18 changelog: JSON-RPC batching was removed; a client that negotiated it or later must not batch. */
    public static GatewayError batchNotAllowed(String protocolVersion) {
        return GatewayError.jsonRpc(
                HttpStatus.BAD_REQUEST,
                JsonRpcViolation.INVALID_REQUEST,
                "Invalid Request: batches are not allowed in protocol version " + protocolVersion,
                Map.of());
    }

    /**
     * MCP 2025-11-25 transports, "Session Management": an unknown or terminated session gets {@code 404},
     * and so does a session of another principal, which must not even learn that it exists.
     */
    public static GatewayError sessionNotFound() {
        return GatewayError.jsonRpc(
                HttpStatus.NOT_FOUND, GatewayError.JSON_RPC_SERVER_ERROR, "Session not found", Map.of());
    }

    /** MCP 2024-11-05 HTTP+SSE: a message POST names its session in the {@code sessionId} query parameter. */
    public static GatewayError sessionIdRequired() {
        return GatewayError.jsonRpc(
                HttpStatus.BAD_REQUEST,
                JsonRpcViolation.INVALID_REQUEST,
                "The sessionId query parameter is required",
                Map.of());
    }

    /** Session bindings cannot be checked: refuse rather than let a session through unverified. */
    public static GatewayError sessionStoreUnavailable() {
        return GatewayError.jsonRpc(
                HttpStatus.SERVICE_UNAVAILABLE,
                GatewayError.JSON_RPC_SERVER_ERROR,
                "The session store is unavailable; retry later",
                Map.of());
    }
}
