package dev.mcpgateway.resilience;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.GatewayError;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The JSON-RPC error bodies (JSON-RPC 2.0 §5.1, implementation-defined server error) for upstream failures. Messages
 * name the route, which the client chose, and never the upstream's address, which is internal.
 * {@code error.data.reason} is a stable machine-readable code.
 */
public final class UpstreamErrors {

    private UpstreamErrors() {}

    public static GatewayError of(UpstreamFailure failure, RouteConfig route) {
        String id = "'" + route.id() + "'";
        String description = switch (failure) {
            case UNREACHABLE -> "The MCP server behind route " + id + " is unreachable";
            case BROKEN_RESPONSE ->
                "The MCP server behind route " + id + " closed the connection or sent an invalid response";
            case FIRST_BYTE_TIMEOUT ->
                "The MCP server behind route " + id + " did not answer within "
                        + route.timeouts().firstByte().toMillis() + " ms";
            case CIRCUIT_OPEN -> "The MCP server behind route " + id + " is failing; calls are paused, retry later";
            case CALLS_FULL -> "Route " + id + " is at its limit of concurrent calls; retry later";
            case STREAMS_FULL -> "Route " + id + " is at its limit of open streams; retry later";
            case CONNECTIONS_FULL ->
                "The gateway has no free connection to the MCP server behind route " + id + "; retry later";
            case INTERNAL -> "The gateway failed to proxy the request on route " + id;
        };
        return GatewayError.jsonRpc(
                failure.status(),
                GatewayError.JSON_RPC_SERVER_ERROR,
                description,
                Map.of("route", route.id(), "reason", failure.reason()));
    }

    /**
     * A status some step of the pipeline chose (a {@code ResponseStatusException}, e.g. {@code 404} while a newly
     * added route is being installed), rendered as a JSON-RPC error instead of Spring Boot's error page.
     */
    public static GatewayError status(HttpStatus status, RouteConfig route) {
        return GatewayError.jsonRpc(
                status,
                GatewayError.JSON_RPC_SERVER_ERROR,
                "Route '" + route.id() + "': " + status.getReasonPhrase(),
                Map.of("route", route.id(), "reason", "http_" + status.value()));
    }

    /** The gateway is shutting down and takes no new requests; another replica will. */
    public static GatewayError shuttingDown() {
        return GatewayError.jsonRpc(
                HttpStatus.SERVICE_UNAVAILABLE,
                GatewayError.JSON_RPC_SERVER_ERROR,
                "The gateway is shutting down; retry the request",
                Map.of("reason", "shutting_down"));
    }
}
