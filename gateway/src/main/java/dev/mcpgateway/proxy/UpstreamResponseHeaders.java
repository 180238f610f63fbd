package dev.mcpgateway.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * What of an upstream's answer headers reaches the client. The gateway is the resource server the client talks to,
 * so it owns authentication challenges ({@code WWW-Authenticate}: an upstream's own challenge would send MCP
 * clients to an authorization server of the upstream's choosing), CORS ({@code Access-Control-*}), transport
 * security ({@code Strict-Transport-Security}, {@code Alt-Svc}) and cookies on its origin ({@code Set-Cookie}: the
 * gateway never forwards cookies upstream, so they would only serve to plant state on its origin); server banners
 * ({@code Server}, {@code X-Powered-By}) name internals. Hop-by-hop fields (RFC 9110 §7.6.1), and those the
 * upstream's {@code Connection} nominates, describe the upstream connection. Everything else passes, copied once,
 * straight from the upstream's parsed answer into the client's response ({@link McpRoutingFilter}).
 */
public final class UpstreamResponseHeaders {

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

    private UpstreamResponseHeaders() {}

    /**
     * Adds the upstream's fields the client may see to {@code client}.
     *
     * @return the names added, as the upstream spelled them (an error that comes before the first body byte removes
     *         them again)
     */
    public static List<String> copy(io.netty.handler.codec.http.HttpHeaders upstream, HttpHeaders client) {
        Set<String> nominated = HopByHop.nominated(upstream.getAll(HttpHeaderNames.CONNECTION));
        List<String> added = new ArrayList<>(upstream.size());
        Iterator<Map.Entry<CharSequence, CharSequence>> fields = upstream.iteratorCharSequence();
        while (fields.hasNext()) {
            Map.Entry<CharSequence, CharSequence> field = fields.next();
            String name = field.getKey().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!DROPPED.contains(lower)
                    && !HopByHop.FIELDS.contains(lower)
                    && !lower.startsWith(CORS_PREFIX)
                    && !nominated.contains(lower)) {
                client.add(name, field.getValue().toString());
                if (!added.contains(name)) {
                    added.add(name);
                }
            }
        }
        return added;
    }
}
