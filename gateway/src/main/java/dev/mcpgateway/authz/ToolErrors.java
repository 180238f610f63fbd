package dev.mcpgateway.authz;

import dev.mcpgateway.config.RouteConfig.DenyAs;
import dev.mcpgateway.web.GatewayError;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * How a tool/method policy denial is answered (MCP 2025-11-25 authorization, "Runtime Insufficient
 * Scope Errors"). By default: {@code 403} with {@code WWW-Authenticate: Bearer error="insufficient_scope",
 * scope="<every scope needed>"}, so the client can step up in one round trip. With
 * {@code deny-as: jsonrpc-error}, for clients that treat a bare 403 as fatal: {@code 200} with a
 * JSON-RPC error for the request id whose {@code data} names the scopes.
 */
final class ToolErrors {

    static final String INSUFFICIENT_SCOPE = "insufficient_scope";
    static final String NOT_PERMITTED = "tool_not_permitted";

    private ToolErrors() {}

    static GatewayError toError(DenyAs denyAs, ToolDecision decision) {
        if (decision instanceof ToolDecision.InsufficientScope denied) {
            return denyAs == DenyAs.CHALLENGE
                    ? GatewayError.insufficientScope(denied.requiredScopes())
                    : GatewayError.jsonRpc(
                            HttpStatus.OK,
                            GatewayError.JSON_RPC_SERVER_ERROR,
                            "The access token lacks a scope this request requires",
                            Map.of("error", INSUFFICIENT_SCOPE, "requiredScopes", denied.requiredScopes()));
        }
        if (decision instanceof ToolDecision.NotPermitted) {
            return GatewayError.jsonRpc(
                    denyAs == DenyAs.CHALLENGE ? HttpStatus.FORBIDDEN : HttpStatus.OK,
                    GatewayError.JSON_RPC_SERVER_ERROR,
                    "This tool, prompt or resource is not available on this route",
                    Map.of("error", NOT_PERMITTED));
        }
        throw new IllegalArgumentException("an allowed request is not a denial");
    }
}
