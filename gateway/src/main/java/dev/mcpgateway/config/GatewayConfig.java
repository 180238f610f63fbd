package dev.mcpgateway.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole validated content of {@code routes.yaml}: immutable, built once per load by
 * {@link RoutesFileParser}, swapped atomically by {@link GatewayConfigStore} on reload.
 *
 * @param publicBaseUrl        the origin (and optional path prefix) clients use; every resource URI derives from it
 * @param allowedOrigins       browser origins allowed to call the gateway; an absent {@code Origin} is always allowed
 * @param authorizationServers trusted authorization servers by configured name, in file order
 * @param routes               the MCP endpoints the gateway fronts, in file order
 * @param legacyAuthorizationServerMetadata the name of the authorization server whose metadata is mirrored at the
 *                             gateway origin's {@code /.well-known/oauth-authorization-server} for MCP 2025-03-26
 *                             clients, or {@code null} for none
 */
public record GatewayConfig(
        URI publicBaseUrl,
        Set<String> allowedOrigins,
        Map<String, AuthorizationServerConfig> authorizationServers,
        List<RouteConfig> routes,
        String legacyAuthorizationServerMetadata) {

    public GatewayConfig(URI publicBaseUrl, Set<String> allowedOrigins,
            Map<String, AuthorizationServerConfig> authorizationServers, List<RouteConfig> routes) {
        this(publicBaseUrl, allowedOrigins, authorizationServers, routes, null);
    }

    public GatewayConfig {
        allowedOrigins = Set.copyOf(allowedOrigins);
        authorizationServers = Map.copyOf(authorizationServers);
        routes = List.copyOf(routes);
    }

    /** The route whose public path is exactly {@code path}, if any. */
    public Optional<RouteConfig> routeForPath(String path) {
        return routes.stream().filter(route -> route.path().equals(path)).findFirst();
    }

    public AuthorizationServerConfig authorizationServer(String name) {
        return authorizationServers.get(name);
    }

    /** The ids of the routes that trust the authorization server {@code name}, in file order. */
    public List<String> routesTrusting(String name) {
        return routes.stream().filter(route -> route.authorizationServers().contains(name)).map(RouteConfig::id).toList();
    }
}
