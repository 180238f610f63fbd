package dev.mcpgateway.web;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.config.ScopeHierarchy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The only place that writes {@code WWW-Authenticate} and error bodies (DESIGN.md §3).
 *
 * <p>Challenges follow RFC 6750 §3 with the RFC 9728 §5.1 {@code resource_metadata} parameter and
 * the route's scopes, so an MCP client can discover the authorization server and the scopes to ask
 * for from any refusal. The resource metadata URL is built from the configured public base URL,
 * never from the request's Host header.
 */
public final class ErrorResponseWriter {

    /** RFC 9110 §10.2.3: a short, fixed back-off for transient unavailability. */
    private static final String DEFAULT_RETRY_AFTER_SECONDS = "5";
    /** MCP 2026-07-28 {@code server/discover}, the era probe of modern clients. */
    private static final String DISCOVER = "server/discover";

    public Mono<Void> write(ServerWebExchange exchange, GatewayError refusal) {
        // The decision is the refusal itself, also when a discovery probe gets it answered as 503 (probeSafe).
        Refusals.record(exchange, refusal);
        GatewayError error = probeSafe(exchange, refusal);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(error.status());
        HttpHeaders headers = response.getHeaders();
        Optional<RouteConfig> route = RoutedExchange.route(exchange);
        if (error.challenge()) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge(exchange, route, error));
        }
        if (error.status() == HttpStatus.SERVICE_UNAVAILABLE && !headers.containsHeader(HttpHeaders.RETRY_AFTER)) {
            headers.set(HttpHeaders.RETRY_AFTER, DEFAULT_RETRY_AFTER_SECONDS);
        }
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setCacheControl("no-store");
        byte[] body = Json.STRICT.writeValueAsBytes(
                error.challenge()
                        ? oauthBody(error)
                        : jsonRpcBody(error, JsonRpcExchange.requestId(exchange).orElse(null), McpEra.of(exchange)));
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /**
     * A modern client probes a server with {@code server/discover} and falls back to the legacy {@code initialize}
     * on any 4xx other than 401 and 403 (MCP 2026-07-28 Streamable HTTP, "Backward Compatibility"; the official
     * TypeScript client does exactly this): a rate-limited probe is answered {@code 503} with {@code Retry-After},
     * which clients retry without concluding anything about the server's revision. The probe's method is read from
     * its {@code Mcp-Method} header (inspection has checked it against the body once it ran), only to choose this
     * status, never to grant anything.
     */
    private static GatewayError probeSafe(ServerWebExchange exchange, GatewayError error) {
        if (error.status() != HttpStatus.TOO_MANY_REQUESTS
                || McpEra.of(exchange) != McpEra.MODERN
                || !DISCOVER.equals(exchange.getRequest().getHeaders().getFirst(McpHeaders.METHOD))) {
            return error;
        }
        return new GatewayError(
                HttpStatus.SERVICE_UNAVAILABLE,
                error.oauthError(),
                error.description(),
                error.scopes(),
                error.challenge(),
                error.jsonRpcCode(),
                error.data());
    }

    /**
     * RFC 6750 §3: {@code Bearer resource_metadata="…", scope="…"[, error="…", error_description="…"]}. The scope never
     * names {@code offline_access}: a refresh token is no requirement of the resource (MCP 2026-07-28 authorization).
     */
    static String challenge(ServerWebExchange exchange, Optional<RouteConfig> route, GatewayError error) {
        StringBuilder challenge = new StringBuilder("Bearer");
        String separator = " ";
        if (route.isPresent()) {
            String metadataUrl = route.get().resourceMetadataUrl();
            challenge.append(separator).append("resource_metadata=").append(quoted(metadataUrl));
            separator = ", ";
        }
        List<String> scopes = (!error.scopes().isEmpty()
                        ? error.scopes()
                        : route.map(RouteConfig::requiredScopes).orElse(List.of()))
                .stream()
                        .filter(scope -> !scope.equals(ScopeHierarchy.OFFLINE_ACCESS))
                        .toList();
        if (!scopes.isEmpty()) {
            challenge.append(separator).append("scope=").append(quoted(String.join(" ", scopes)));
            separator = ", ";
        }
        if (error.oauthError() != null) {
            challenge
                    .append(separator)
                    .append("error=")
                    .append(quoted(error.oauthError()))
                    .append(", error_description=")
                    .append(quoted(error.description()));
        }
        return challenge.toString();
    }

    /** RFC 9110 §5.6.4 quoted-string. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static Map<String, Object> oauthBody(GatewayError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (error.oauthError() != null) {
            body.put("error", error.oauthError());
        }
        body.put("error_description", error.description());
        return body;
    }

    /**
     * JSON-RPC 2.0 §5: the id of the request, or {@code null} when it could not be read. A modern request's error
     * (MCP 2026-07-28 basic, "Error Codes") omits an unreadable id, which its schema makes optional rather than null,
     * and carries the gateway's own refusals ({@code -32000} for older revisions) as
     * {@link GatewayError#MODERN_GATEWAY_ERROR}, outside the range new implementations should not use.
     */
    private static Map<String, Object> jsonRpcBody(GatewayError error, @Nullable Object requestId, McpEra era) {
        Map<String, Object> detail = new LinkedHashMap<>();
        boolean modern = era == McpEra.MODERN;
        int code = modern && error.jsonRpcCode() == GatewayError.JSON_RPC_SERVER_ERROR
                ? GatewayError.MODERN_GATEWAY_ERROR
                : error.jsonRpcCode();
        detail.put("code", code);
        detail.put("message", error.description());
        if (!error.data().isEmpty()) {
            detail.put("data", error.data());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        if (requestId != null || !modern) {
            body.put("id", requestId);
        }
        body.put("error", detail);
        return body;
    }
}
