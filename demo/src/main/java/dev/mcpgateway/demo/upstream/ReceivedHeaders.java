package dev.mcpgateway.demo.upstream;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Captures, per HTTP request, the headers a gateway is expected to add or strip, so that the
 * {@code whoami} tool can report what actually reached the upstream: identity headers added by
 * the gateway, and whether the client's {@code Authorization} or {@code Cookie} header leaked
 * through (it must not: MCP authorization forbids token passthrough).
 */
final class ReceivedHeaders implements McpTransportContextExtractor<HttpServletRequest> {

    static final List<String> IDENTITY_HEADERS =
            List.of("X-MCP-Subject", "X-MCP-Client-Id", "X-MCP-Scopes", "X-MCP-Tenant");

    static final String AUTHORIZATION_PRESENT = "authorizationHeaderPresent";

    static final String COOKIE_PRESENT = "cookieHeaderPresent";

    @Override
    public McpTransportContext extract(HttpServletRequest request) {
        Map<String, Object> received = new LinkedHashMap<>();
        for (String name : IDENTITY_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                received.put(name, value);
            }
        }
        received.put(AUTHORIZATION_PRESENT, request.getHeader("Authorization") != null);
        received.put(COOKIE_PRESENT, request.getHeader("Cookie") != null);
        return McpTransportContext.create(received);
    }

    /** The report returned by {@code whoami}: every identity header (null when absent) and both flags. */
    static Map<String, @Nullable Object> report(McpTransportContext context) {
        Map<String, @Nullable Object> report = new LinkedHashMap<>();
        IDENTITY_HEADERS.forEach((name) -> report.put(name, context.get(name)));
        report.put(AUTHORIZATION_PRESENT, Boolean.TRUE.equals(context.get(AUTHORIZATION_PRESENT)));
        report.put(COOKIE_PRESENT, Boolean.TRUE.equals(context.get(COOKIE_PRESENT)));
        return report;
    }
}
