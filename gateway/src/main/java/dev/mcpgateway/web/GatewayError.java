package dev.mcpgateway.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The one vocabulary for everything the gateway refuses. A bearer challenge (RFC 6750 §3) carries
 * an OAuth error code, or none when no credentials were sent (RFC 6750 §3.1); every other refusal
 * is answered with a JSON-RPC 2.0 error body (§5.1) that MCP clients can show, carrying the request
 * id when the gateway has read it.
 *
 * @param status      the HTTP status
 * @param oauthError  {@code invalid_request}, {@code invalid_token}, {@code insufficient_scope}, or {@code null}
 * @param description a short, fixed, human-readable reason; never contains a token or an internal host
 * @param scopes      the scopes to advertise in the challenge; empty for the route baseline
 * @param challenge   whether to send {@code WWW-Authenticate}
 * @param jsonRpcCode the JSON-RPC error code of the body when this is not a challenge
 * @param data        optional JSON-RPC {@code error.data}; empty for none
 */
public record GatewayError(
        HttpStatus status,
        @Nullable String oauthError,
        String description,
        List<String> scopes,
        boolean challenge,
        int jsonRpcCode,
        Map<String, Object> data) {

    /** JSON-RPC 2.0 §5.1: implementation-defined server error, used for refusals by the gateway itself. */
    public static final int JSON_RPC_SERVER_ERROR = -32000;
    /**
     * The gateway's own refusals (rate limit, overload, upstream down, shutdown) on a modern request: MCP 2026-07-28
     * basic, "Error Codes", reserves {@code -32000} to {@code -32099} and asks new codes to lie outside the JSON-RPC
     * range {@code -32768} to {@code -32000}.
     */
    public static final int MODERN_GATEWAY_ERROR = -31000;
    /** JSON-RPC 2.0 §5.1: the message is not a valid request object. */
    public static final int JSON_RPC_INVALID_REQUEST = -32600;

    public GatewayError {
        scopes = List.copyOf(scopes);
        data = Map.copyOf(data);
    }

    /** A refusal answered with a JSON-RPC error body and no challenge. */
    public static GatewayError jsonRpc(
            HttpStatus status, int jsonRpcCode, String description, Map<String, Object> data) {
        return new GatewayError(status, null, description, List.of(), false, jsonRpcCode, data);
    }

    private static GatewayError challenge(
            HttpStatus status, @Nullable String oauthError, String description, List<String> scopes) {
        return new GatewayError(status, oauthError, description, scopes, true, JSON_RPC_SERVER_ERROR, Map.of());
    }

    /** RFC 6750 §3.1: no credentials at all, so the challenge carries no error code. */
    public static GatewayError missingToken() {
        return challenge(HttpStatus.UNAUTHORIZED, null, "An OAuth access token is required", List.of());
    }

    /** RFC 6750 §3.1 {@code invalid_token}: expired, revoked, malformed, or not meant for this resource. */
    public static GatewayError invalidToken(String description) {
        return challenge(HttpStatus.UNAUTHORIZED, "invalid_token", description, List.of());
    }

    /** RFC 6750 §3.1 {@code invalid_request}, e.g. a token sent in the query string (MCP forbids it). */
    public static GatewayError invalidRequest(String description) {
        return challenge(HttpStatus.BAD_REQUEST, "invalid_request", description, List.of());
    }

    /** RFC 6750 §3.1 {@code insufficient_scope}, naming every scope the request needs so one step-up suffices. */
    public static GatewayError insufficientScope(List<String> requiredScopes) {
        return challenge(
                HttpStatus.FORBIDDEN,
                "insufficient_scope",
                "The access token lacks a scope this request requires",
                requiredScopes);
    }

    /** The token's authorization server cannot be reached: retry later, do not re-authorize. */
    public static GatewayError authorizationServerUnavailable() {
        return jsonRpc(
                HttpStatus.SERVICE_UNAVAILABLE,
                JSON_RPC_SERVER_ERROR,
                "The authorization server that issued the token is unavailable; retry later",
                Map.of());
    }

    /** MCP 2025-11-25 transports, "Security Warning": a present, invalid {@code Origin} gets 403. */
    public static GatewayError forbiddenOrigin() {
        return jsonRpc(HttpStatus.FORBIDDEN, JSON_RPC_SERVER_ERROR, "Origin not allowed", Map.of());
    }

    /**
     * RFC 6585 §4 {@code 429}: over a rate limit. The body tells a JSON-RPC client how long to wait, like
     * {@code Retry-After} (RFC 9110 §10.2.3) does for HTTP clients.
     *
     * @param limit             which limit: {@code tenant}, {@code tool} or {@code unauthenticated}
     * @param retryAfterSeconds when a retry can succeed
     */
    public static GatewayError rateLimited(String limit, long retryAfterSeconds) {
        return jsonRpc(
                HttpStatus.TOO_MANY_REQUESTS,
                JSON_RPC_SERVER_ERROR,
                "Rate limit exceeded; retry after " + retryAfterSeconds + " seconds",
                Map.of("limit", limit, "retryAfterSeconds", retryAfterSeconds));
    }

    /** The rate-limit store cannot be reached and the configured outage policy is {@code deny}. */
    public static GatewayError rateLimitStoreUnavailable() {
        return jsonRpc(
                HttpStatus.SERVICE_UNAVAILABLE,
                JSON_RPC_SERVER_ERROR,
                "Rate limiting is temporarily unavailable; retry later",
                Map.of());
    }
}
