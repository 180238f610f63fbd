package dev.mcpgateway.proxy;

import dev.mcpgateway.web.RoutedExchange;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * What of an upstream's answer headers reaches the client. The gateway is the resource server the client talks to,
 * so it owns authentication challenges ({@code WWW-Authenticate}: an upstream's own challenge would send MCP
 * clients to an authorization server of the upstream's choosing), CORS ({@code Access-Control-*}), transport
 * security ({@code Strict-Transport-Security}, {@code Alt-Svc}) and cookies on its origin ({@code Set-Cookie}: the
 * gateway never forwards cookies upstream, so they would only serve to plant state on its origin); server banners
 * ({@code Server}, {@code X-Powered-By}) name internals. Hop-by-hop fields (RFC 9110 §7.6.1), and those the
 * upstream's {@code Connection} nominates, describe the upstream connection. Everything else passes. As the
 * routing filter's only response header filter ({@link McpRoutingFilter}), it also does what Spring Cloud Gateway's
 * hop-by-hop filter would.
 */
public final class UpstreamResponseHeaders implements HttpHeadersFilter, Ordered {

    private static final Set<String> DROPPED = Set.of(
            "proxy-authorization",
            "x-application-context",
            "www-authenticate",
            "proxy-authenticate",
            "set-cookie",
            "set-cookie2",
            "strict-transport-security",
            "alt-svc",
            "server",
            "x-powered-by");
    private static final String CORS_PREFIX = "access-control-";

    @Override
    public HttpHeaders filter(HttpHeaders upstream, ServerWebExchange exchange) {
        if (RoutedExchange.route(exchange).isEmpty()) {
            return upstream;
        }
        Set<String> nominated = HopByHop.nominated(upstream);
        HttpHeaders kept = new HttpHeaders();
        for (Map.Entry<String, List<String>> field : upstream.headerSet()) {
            String name = field.getKey().toLowerCase(Locale.ROOT);
            if (!DROPPED.contains(name)
                    && !HopByHop.FIELDS.contains(name)
                    && !name.startsWith(CORS_PREFIX)
                    && !nominated.contains(name)) {
                kept.addAll(field.getKey(), field.getValue());
            }
        }
        return kept;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
