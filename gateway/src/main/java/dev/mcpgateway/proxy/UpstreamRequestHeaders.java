package dev.mcpgateway.proxy;

import dev.mcpgateway.config.IdentityHeaders;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.token.ExchangePrincipal;
import dev.mcpgateway.token.TenantResolver;
import dev.mcpgateway.token.TokenPrincipal;
import dev.mcpgateway.web.UpstreamTraceFields;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Pipeline step 11, the one place that decides which header fields reach an upstream, one instance per route. It
 * runs as the request is sent ({@link McpRoutingFilter}) and writes the upstream's fields from the client's own
 * straight into the outgoing request:
 *
 * <ul>
 *   <li>The client's credentials never pass (MCP 2025-11-25 authorization, "Access Token Privilege Restriction";
 *       security best practices, "Token Passthrough"): {@code Authorization}, {@code Proxy-Authorization},
 *       {@code Cookie}. {@code Accept-Encoding} is dropped so that streams arrive uncompressed.</li>
 *   <li>Hop-by-hop fields (RFC 9110 §7.6.1) are dropped, and so is every field the client's {@code Connection}
 *       nominates, except those the gateway checked or sets itself: a client cannot have the gateway delete its
 *       own identity headers, nor the MCP headers it authorized on.</li>
 *   <li>A field whose name collides with one the gateway owns once case is ignored and every character other than a
 *       letter or digit is read as {@code -} ({@code X_MCP_Subject}: CGI, WSGI and PHP upstreams see
 *       {@code HTTP_X_MCP_SUBJECT} for both spellings; {@code X.MCP.Subject}: PHP turns the dots of a variable name
 *       into underscores) is dropped, as is any other spelling of the MCP transport headers.</li>
 *   <li>Forwarding and client-address headers written by the client ({@code X-Forwarded-*}, {@code Forwarded},
 *       {@code Via}, {@code X-Real-IP}, {@code True-Client-IP}, {@code CF-Connecting-IP} and the like), method or
 *       URL overrides ({@code X-HTTP-Method-Override}, every {@code X-Original-*}, {@code X-Host}) and the control
 *       fields of proxies that may stand in front of the upstream (every {@code x-envoy-*}: a retry there would
 *       repeat a tool call the gateway never retries) are dropped: the gateway does not vouch for them, and upstream
 *       frameworks and sidecars trust them.</li>
 *   <li>Then the gateway's trace context when tracing is on ({@link UpstreamTraceFields}, in place of the client's),
 *       the route's {@code upstream-headers} and the identity headers from the validated token are set:
 *       {@value #SUBJECT}, {@value #CLIENT_ID}, {@value #SCOPES}, {@value #TENANT} ({@link UpstreamHeaderValue}
 *       encodes values that are not plain ASCII).</li>
 * </ul>
 */
public final class UpstreamRequestHeaders {

    public static final String SUBJECT = IdentityHeaders.SUBJECT;
    public static final String CLIENT_ID = IdentityHeaders.CLIENT_ID;
    public static final String SCOPES = IdentityHeaders.SCOPES;
    public static final String TENANT = IdentityHeaders.TENANT;

    /** Never forwarded, in any spelling. */
    private static final Set<String> DROPPED = Set.of(
            "authorization",
            "proxy-authorization",
            "proxy-authenticate",
            "cookie",
            "accept-encoding",
            "http2-settings",
            "host",
            "expect",
            "forwarded",
            "via",
            "x-real-ip",
            "x-client-ip",
            "client-ip",
            "true-client-ip",
            "cf-connecting-ip",
            "x-cluster-client-ip",
            "fastly-client-ip",
            "x-host",
            "x-rewrite-url",
            "x-http-method-override",
            "x-http-method",
            "x-method-override",
            "x-application-context");
    /** Every {@code X-Forwarded-*} field (For, Host, Proto, Port, Prefix, Scheme, Ssl, Server, Uri, Path…). */
    private static final String FORWARDED_PREFIX = "x-forwarded-";
    /** {@code X-Original-URL}, {@code -URI}, {@code -Host}, {@code -Forwarded-For}, {@code -Method}…: URL overrides. */
    private static final String ORIGINAL_PREFIX = "x-original-";
    /**
     * Envoy's control fields ({@code x-envoy-retry-on}, {@code x-envoy-max-retries}, timeouts, original path):
     * Envoy and Istio sidecars in front of an upstream obey them from an internal peer, and the gateway is one.
     */
    private static final String ENVOY_PREFIX = "x-envoy-";
    /** Forwarded only as spelled by the protocol, and never removable through {@code Connection}. */
    private static final Set<String> CHECKED = Set.of(
            "content-type",
            "content-length",
            "content-encoding",
            "accept",
            "mcp-session-id",
            "mcp-protocol-version",
            "mcp-method",
            "mcp-name",
            "last-event-id");

    private static final String MCP_PREFIX = "mcp-";

    private final Set<String> configured;
    private final Map<String, String> routeHeaders;
    private final @Nullable String tenantClaim;

    /** The rules for one route, made when the route is compiled. */
    UpstreamRequestHeaders(RouteConfig route) {
        this.configured = configuredNames(route);
        this.routeHeaders = route.upstreamHeaders();
        this.tenantClaim = route.tenantClaim();
    }

    /**
     * Sets on the upstream request ({@code upstream}, which holds only what Reactor Netty set from the URL) the fields
     * the upstream gets for this exchange.
     */
    void write(ServerWebExchange exchange, io.netty.handler.codec.http.HttpHeaders upstream) {
        HttpHeaders client = exchange.getRequest().getHeaders();
        Set<String> nominated = HopByHop.nominated(client);
        for (Map.Entry<String, List<String>> field : client.headerSet()) {
            if (forwarded(field.getKey(), configured, nominated)) {
                upstream.set(field.getKey(), field.getValue());
            }
        }
        UpstreamTraceFields.of(exchange).forEach(upstream::set);
        routeHeaders.forEach(upstream::set);
        ExchangePrincipal.of(exchange).ifPresent(principal -> setIdentity(upstream, principal));
    }

    private static boolean forwarded(String name, Set<String> configured, Set<String> nominated) {
        String lower = name.toLowerCase(Locale.ROOT);
        String normalized = normalized(lower);
        if (DROPPED.contains(normalized)
                || HopByHop.FIELDS.contains(normalized)
                || IdentityHeaders.LOWER_CASE.contains(normalized)
                || configured.contains(normalized)
                || normalized.startsWith(FORWARDED_PREFIX)
                || normalized.startsWith(ORIGINAL_PREFIX)
                || normalized.startsWith(ENVOY_PREFIX)) {
            return false;
        }
        boolean spelledDifferently = !lower.equals(normalized);
        if (spelledDifferently && (CHECKED.contains(normalized) || normalized.startsWith(MCP_PREFIX))) {
            return false;
        }
        return !nominated.contains(lower) || CHECKED.contains(lower);
    }

    private void setIdentity(io.netty.handler.codec.http.HttpHeaders upstream, TokenPrincipal principal) {
        upstream.set(SUBJECT, UpstreamHeaderValue.of(principal.subject()));
        if (principal.clientId() != null) {
            upstream.set(CLIENT_ID, UpstreamHeaderValue.of(principal.clientId()));
        }
        upstream.set(SCOPES, UpstreamHeaderValue.of(String.join(" ", principal.scopes())));
        String tenant = TenantResolver.tenant(principal, tenantClaim);
        if (!tenant.isEmpty()) {
            upstream.set(TENANT, UpstreamHeaderValue.of(tenant));
        }
    }

    private static Set<String> configuredNames(RouteConfig route) {
        Set<String> names = new HashSet<>();
        route.upstreamHeaders().keySet().forEach(name -> names.add(normalized(name.toLowerCase(Locale.ROOT))));
        return names;
    }

    /**
     * A lower-case field name as upstreams that turn names into variables may read it: every character other than a
     * letter or digit ({@code _}, {@code .} and the rest of RFC 9110's {@code tchar}) as {@code -}.
     */
    private static String normalized(String lower) {
        char[] chars = lower.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                chars[i] = '-';
            }
        }
        return new String(chars);
    }
}
