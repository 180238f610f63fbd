package dev.mcpgateway.authz;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The one vocabulary for everything the gateway refuses. A bearer challenge (RFC 6750 §3) carries
 * an OAuth error code, or none when no credentials were sent (RFC 6750 §3.1); every other refusal
 * is answered with a JSON-RPC error body that MCP clients can show.
 *
 * @param status      the HTTP status
 * @param oauthError  {@code invalid_request}, {@code invalid_token}, {@code insufficient_scope}, or {@code null}
 * @param description a short, fixed, human-readable reason; never contains a token or an internal host
 * @param scopes      the scopes to advertise in the challenge; empty for the route baseline
 * @param challenge   whether to send {@code WWW-Authenticate}
 */
public record GatewayError(HttpStatus status, String oauthError, String description, List<String> scopes, boolean challenge) {

    public GatewayError {
        scopes = List.copyOf(scopes);
    }

    /** RFC 6750 §3.1: no credentials at all, so the challenge carries no error code. */
    public static GatewayError missingToken() {
        return new GatewayError(HttpStatus.UNAUTHORIZED, null, "An OAuth access token is required", List.of(), true);
    }

    /** RFC 6750 §3.1 {@code invalid_token}: expired, revoked, malformed, or not meant for this resource. */
    public static GatewayError invalidToken(String description) {
        return new GatewayError(HttpStatus.UNAUTHORIZED, "invalid_token", description, List.of(), true);
    }

    /** RFC 6750 §3.1 {@code invalid_request}, e.g. a token sent in the query string (MCP forbids it). */
    public static GatewayError invalidRequest(String description) {
        return new GatewayError(HttpStatus.BAD_REQUEST, "invalid_request", description, List.of(), true);
    }

    /** RFC 6750 §3.1 {@code insufficient_scope}, naming every scope the request needs so one step-up suffices. */
    public static GatewayError insufficientScope(List<String> requiredScopes) {
        return new GatewayError(HttpStatus.FORBIDDEN, "insufficient_scope",
                "The access token lacks a scope this request requires", requiredScopes, true);
    }

    /** The token's authorization server cannot be reached: retry later, do not re-authorize. */
    public static GatewayError authorizationServerUnavailable() {
        return new GatewayError(HttpStatus.SERVICE_UNAVAILABLE, null,
                "The authorization server that issued the token is unavailable; retry later", List.of(), false);
    }

    /** MCP 2025-11-25 transports, "Security Warning": a present, invalid {@code Origin} gets 403. */
    public static GatewayError forbiddenOrigin() {
        return new GatewayError(HttpStatus.FORBIDDEN, null, "Origin not allowed", List.of(), false);
    }
}
