package dev.mcpgateway.discovery;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.config.ScopeHierarchy;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * OAuth 2.0 Protected Resource Metadata documents (RFC 9728 §2) and their well-known locations
 * (RFC 9728 §3.1). {@code scopes_supported} never lists {@code offline_access} (MCP 2026-07-28 authorization,
 * SEP-2207: refresh tokens are not a resource requirement). Pure functions of the configuration; nothing here looks at request headers,
 * because the resource identifier must be the public URL clients use, not an internal host.
 */
public final class ProtectedResourceMetadata {

    /** RFC 9728 §3: the well-known URI suffix. */
    public static final String WELL_KNOWN_PATH = RouteConfig.PROTECTED_RESOURCE_METADATA;

    private ProtectedResourceMetadata() {}

    /** The document of one route; {@code resource} equals the route's resource URI exactly (RFC 9728 §3.3). */
    public static Map<String, Object> forRoute(GatewayConfig config, RouteConfig route) {
        List<String> issuers = route.authorizationServers().stream()
                .map(name -> config.authorizationServer(name).issuer())
                .toList();
        return document(route.resource(), issuers, route.requiredScopes(), route.name());
    }

    /**
     * The document at the origin's well-known URI. Its resource is the origin itself (RFC 9728 §3.3);
     * clients that follow a challenge or the path-inserted URI never need it, older ones find every
     * authorization server the gateway trusts. The warm-up's route ({@link GatewayConfig#isWarmUp}) is left out: its
     * server is on the gateway's own loopback and serves the gateway alone, no client may be sent there.
     */
    public static Map<String, Object> forOrigin(GatewayConfig config) {
        Set<String> issuers = new LinkedHashSet<>();
        Set<String> scopes = new LinkedHashSet<>();
        for (RouteConfig route : config.routes()) {
            if (config.isWarmUp(route)) {
                continue;
            }
            route.authorizationServers()
                    .forEach(
                            name -> issuers.add(config.authorizationServer(name).issuer()));
            scopes.addAll(route.requiredScopes());
        }
        return document(config.publicBaseUrl().toString(), List.copyOf(issuers), List.copyOf(scopes), null);
    }

    private static Map<String, Object> document(
            String resource, List<String> issuers, List<String> scopes, @Nullable String name) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("resource", resource);
        document.put("authorization_servers", issuers);
        document.put(
                "scopes_supported",
                scopes.stream()
                        .filter(scope -> !scope.equals(ScopeHierarchy.OFFLINE_ACCESS))
                        .toList());
        document.put("bearer_methods_supported", List.of("header"));
        if (name != null) {
            document.put("resource_name", name);
        }
        return document;
    }
}
