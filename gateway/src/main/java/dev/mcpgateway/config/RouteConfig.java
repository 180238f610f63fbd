package dev.mcpgateway.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fronted MCP endpoint.
 *
 * @param id                   unique, stable identifier (metrics, logs, error messages)
 * @param name                 human-readable name, published as {@code resource_name} (RFC 9728 §2)
 * @param path                 the public path, e.g. {@code /github/mcp}
 * @param resource             the RFC 8707 resource URI: public base URL + path, exactly as clients use it
 * @param upstream             the absolute URL of the unauthenticated MCP server behind the gateway
 * @param authorizationServers names of the authorization servers whose tokens this route accepts
 * @param audiences            extra accepted {@code aud} values; {@link #resource} is always accepted
 * @param requiredScopes       scopes every request needs (the baseline advertised in challenges)
 * @param timeouts             connect and time-to-first-byte limits for the upstream
 * @param upstreamHeaders      static headers added to every upstream request (e.g. an upstream API key)
 * @param resilience           circuit breaker, bulkhead and connect-retry settings for the upstream
 * @param streams              keep-alive and token-expiry behaviour of long-lived streams
 */
public record RouteConfig(
        String id,
        String name,
        String path,
        String resource,
        URI upstream,
        List<String> authorizationServers,
        Set<String> audiences,
        List<String> requiredScopes,
        TimeoutsConfig timeouts,
        Map<String, String> upstreamHeaders,
        ResilienceConfig resilience,
        StreamsConfig streams) {

    public RouteConfig {
        authorizationServers = List.copyOf(authorizationServers);
        audiences = Set.copyOf(audiences);
        requiredScopes = List.copyOf(requiredScopes);
        upstreamHeaders = Map.copyOf(upstreamHeaders);
    }

    /** The audiences a token for this route may carry: the resource URI plus the configured extras. */
    public Set<String> acceptedAudiences() {
        var accepted = new java.util.LinkedHashSet<String>();
        accepted.add(resource);
        accepted.addAll(audiences);
        return accepted;
    }
}
