package dev.mcpgateway.mcp;

import dev.mcpgateway.config.RouteConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

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
        MultiValueMap<String, String> parameters =
                UriComponentsBuilder.fromUri(resolved).build().getQueryParams();
        String sessionId = parameter(parameters, "sessionId");
        if (sessionId == null) {
            sessionId = parameter(parameters, "session_id");
        }
        return new LegacyEndpoint(
                sessionId != null ? sessionId : UUID.randomUUID().toString(),
                query == null ? path : path + "?" + query);
    }

    /** What the client is told to POST to. */
    public String publicEndpoint(RouteConfig route) {
        return route.legacyMessagePath() + "?sessionId=" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8);
    }

    private static @Nullable String parameter(MultiValueMap<String, String> parameters, String name) {
        String raw = parameters.getFirst(name);
        return raw == null ? null : UriUtils.decode(raw, StandardCharsets.UTF_8);
    }
}
