package dev.mcpgateway.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The whole validated content of {@code routes.yaml}: immutable, built once per load by
 * {@link RoutesFileParser}, swapped atomically by {@link GatewayConfigStore} on reload.
 *
 * @param publicBaseUrl        the origin clients use; every resource URI derives from it
 * @param allowedOrigins       browser origins allowed to call the gateway; an absent {@code Origin} is always allowed
 * @param authorizationServers trusted authorization servers by configured name, in file order
 * @param routes               the MCP endpoints the gateway fronts, in file order
 * @param rateLimits           the rate-limit store, its outage policy and the per-client-IP limit before authentication
 * @param trustedProxies       proxies whose {@code X-Forwarded-For} is believed when finding a client's address
 * @param maxRequestBytes      the largest POST body the gateway reads to inspect a JSON-RPC message
 * @param sessionStore         where MCP session bindings are kept
 * @param legacyAuthorizationServerMetadata the name of the authorization server whose metadata is mirrored at the
 *                             gateway origin's {@code /.well-known/oauth-authorization-server} for MCP 2025-03-26
 *                             clients, or {@code null} for none
 * @param requestState         how MCP 2026-07-28 {@code requestState} values are sealed
 * @param warmUpRoute          the id of the route the gateway added for its own warm-up traffic while it warms up
 *                             ({@link #withWarmUp}), or {@code null}: never a route of {@code routes.yaml}
 */
public record GatewayConfig(
        URI publicBaseUrl,
        Set<String> allowedOrigins,
        Map<String, AuthorizationServerConfig> authorizationServers,
        List<RouteConfig> routes,
        GatewayRateLimits rateLimits,
        List<Cidr> trustedProxies,
        long maxRequestBytes,
        SessionStoreConfig sessionStore,
        @Nullable String legacyAuthorizationServerMetadata,
        RequestStateConfig requestState,
        @Nullable String warmUpRoute) {

    /** 4 MiB: far above any sane JSON-RPC request, small enough that inspection never threatens memory. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 4L * 1024 * 1024;

    public GatewayConfig {
        allowedOrigins = Set.copyOf(allowedOrigins);
        authorizationServers = Map.copyOf(authorizationServers);
        routes = List.copyOf(routes);
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** The configuration as {@code routes.yaml} states it: no warm-up route. */
    public GatewayConfig(
            URI publicBaseUrl,
            Set<String> allowedOrigins,
            Map<String, AuthorizationServerConfig> authorizationServers,
            List<RouteConfig> routes,
            GatewayRateLimits rateLimits,
            List<Cidr> trustedProxies,
            long maxRequestBytes,
            SessionStoreConfig sessionStore,
            @Nullable String legacyAuthorizationServerMetadata,
            RequestStateConfig requestState) {
        this(
                publicBaseUrl,
                allowedOrigins,
                authorizationServers,
                routes,
                rateLimits,
                trustedProxies,
                maxRequestBytes,
                sessionStore,
                legacyAuthorizationServerMetadata,
                requestState,
                null);
    }

    /**
     * This configuration plus one route, and the authorization server it trusts, that serve only the gateway's own
     * warm-up traffic: {@link #isWarmUp} tells them apart (they are not audited). Every route and server of the file
     * stays as it is.
     *
     * @throws IllegalArgumentException when the route's id or path, or the server's name, is already in use
     */
    public GatewayConfig withWarmUp(RouteConfig route, AuthorizationServerConfig server) {
        if (authorizationServers.containsKey(server.name())
                || routes.stream()
                        .anyMatch(r -> r.id().equals(route.id())
                                || r.path().equals(route.path())
                                || r.legacyMessagePath().equals(route.path()))) {
            throw new IllegalArgumentException("The warm-up route '" + route.id() + "' (" + route.path()
                    + ") or authorization server '" + server.name() + "' clashes with routes.yaml");
        }
        Map<String, AuthorizationServerConfig> servers = new LinkedHashMap<>(authorizationServers);
        servers.put(server.name(), server);
        List<RouteConfig> all = new ArrayList<>(routes);
        all.add(route);
        return new GatewayConfig(
                publicBaseUrl,
                allowedOrigins,
                servers,
                all,
                rateLimits,
                trustedProxies,
                maxRequestBytes,
                sessionStore,
                legacyAuthorizationServerMetadata,
                requestState,
                route.id());
    }

    /** Whether {@code route} is the warm-up route of this configuration, not one of {@code routes.yaml}. */
    public boolean isWarmUp(RouteConfig route) {
        return route.id().equals(warmUpRoute);
    }

    /** The route whose public path is exactly {@code path}, if any. */
    public Optional<RouteConfig> routeForPath(String path) {
        return routes.stream().filter(route -> route.path().equals(path)).findFirst();
    }

    /**
     * The route a request path addresses: a route path, or the legacy message endpoint of an
     * {@link RouteConfig.Transport#SSE} route ({@link RouteConfig#legacyMessagePath()}), which is
     * protected by the same rules as its route.
     */
    public Optional<RouteConfig> routeForRequestPath(String path) {
        return routeForPath(path)
                .or(() -> routes.stream()
                        .filter(route -> route.transport() == RouteConfig.Transport.SSE
                                && route.legacyMessagePath().equals(path))
                        .findFirst());
    }

    /**
     * The authorization server configured as {@code name}. Every name a route or {@code gateway} refers to is
     * defined: the parser checks that at load.
     *
     * @throws IllegalArgumentException for a name this configuration does not define
     */
    public AuthorizationServerConfig authorizationServer(String name) {
        AuthorizationServerConfig server = authorizationServers.get(name);
        if (server == null) {
            throw new IllegalArgumentException("No authorization server '" + name + "' in this configuration");
        }
        return server;
    }

    /** The ids of the routes that trust the authorization server {@code name}, in file order. */
    public List<String> routesTrusting(String name) {
        return routes.stream()
                .filter(route -> route.authorizationServers().contains(name))
                .map(RouteConfig::id)
                .toList();
    }
}
