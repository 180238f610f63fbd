package dev.mcpgateway.mcp;

import dev.mcpgateway.config.RouteConfig;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The message endpoint a legacy HTTP+SSE upstream announced in its {@code endpoint} event (MCP
 * 2024-11-05 transports, "HTTP with SSE"), and how the gateway republishes it. Clients are told
 * {@code <route path>/message?sessionId=<id>} (a path-absolute reference, resolved against whatever
 * origin the client used); the upstream's own URI is kept in the session binding and never shown.
 *
 * @param sessionId        the upstream's {@code sessionId} (or {@code session_id}) query parameter, or an
 *                         id the gateway minted when the upstream's URI has none
 * @param upstreamEndpoint path and query of the upstream's message endpoint, as announced
 */
public record LegacyEndpoint(String sessionId, String upstreamEndpoint) {

    /**
     * @throws IllegalArgumentException when the announced URI is malformed or points to another origin
     *                                  than the upstream (the gateway never posts anywhere else)
     */
    public static LegacyEndpoint from(URI upstream, String announced) {
        URI resolved = upstream.resolve(announced.trim());
        if (!Objects.equals(resolved.getScheme(), upstream.getScheme())
                || !Objects.equals(resolved.getHost(), upstream.getHost())
                || resolved.getPort() != upstream.getPort()) {
            throw new IllegalArgumentException("The upstream announced a message endpoint on another origin");
        }
        String query = resolved.getRawQuery();
        String path = resolved.getRawPath() == null || resolved.getRawPath().isEmpty() ? "/" : resolved.getRawPath();
        String sessionId = parameter(query, "sessionId");
        if (sessionId == null) {
            sessionId = parameter(query, "session_id");
        }
        return new LegacyEndpoint(
                sessionId != null ? sessionId : UUID.randomUUID().toString(),
                query == null ? path : path + "?" + query);
    }

    /** What the client is told to POST to. */
    public String publicEndpoint(RouteConfig route) {
        return route.legacyMessagePath() + "?sessionId=" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8);
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
