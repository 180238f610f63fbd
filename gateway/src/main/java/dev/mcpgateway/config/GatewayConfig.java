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
 * @param rateLimits           the rate-limit store, its outage policy and the per-client-IP limit before authentication
 * @param trustedProxies       proxies whose {@code X-Forwarded-For} is believed when finding a client's address
 */
public record GatewayConfig(
        URI publicBaseUrl,
        Set<String> allowedOrigins,
        Map<String, AuthorizationServerConfig> authorizationServers,
        List<RouteConfig> routes,
        GatewayRateLimits rateLimits,
        List<Cidr> trustedProxies) {

    public GatewayConfig {
        allowedOrigins = Set.copyOf(allowedOrigins);
        authorizationServers = Map.copyOf(authorizationServers);
        routes = List.copyOf(routes);
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** The route whose public path is exactly {@code path}, if any. */
    public Optional<RouteConfig> routeForPath(String path) {
        return routes.stream().filter(route -> route.path().equals(path)).findFirst();
    }

    public AuthorizationServerConfig authorizationServer(String name) {
        return authorizationServers.get(name);
    }
}
