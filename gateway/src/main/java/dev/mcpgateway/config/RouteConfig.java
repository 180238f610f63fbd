package dev.mcpgateway.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
 * @param tenantClaim          the claim naming the caller's tenant ({@code org_id}, {@code tid}); {@code null} to fall
 *                             back to the client id, then the subject
 * @param rateLimit            per-tenant and per-tool rate-limit plans; {@link RouteRateLimits#NONE} for none
 * @param transport            the upstream's MCP transport
 * @param eras                 {@code protocol-eras}: whether legacy (session) traffic is accepted beside modern
 * @param toolScopes           {@code scopes.tools}: tool name (or {@code *} for any other tool) to the scopes a
 *                             {@code tools/call} of it needs; empty when the route declares no tool map
 * @param methodScopes         {@code scopes.methods}: JSON-RPC method to the scopes it needs
 * @param denyAs               how a call refused by the tool policy is answered
 * @param resilience           circuit breaker, bulkhead and connect-retry settings for the upstream
 * @param streams              keep-alive and token-expiry behaviour of long-lived streams
 * @param resourceScopes       {@code scopes.resources}: resource URI pattern ({@code *} matching any characters) to the
 *                             scopes a {@code resources/read} of a matching URI needs; empty when the route declares
 *                             no resource map
 * @param promptScopes         {@code scopes.prompts}: prompt name (or {@code *} for any other prompt) to the scopes a
 *                             {@code prompts/get} of it needs; empty when the route declares no prompt map
 * @param scopeHierarchy       {@code scopes.implies}: broader scopes that satisfy narrower requirements
 * @param auditArgumentNames   {@code audit.argument-names}: whether audit entries list the names (never the values)
 *                             of a tool call's arguments
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
        @Nullable String tenantClaim,
        RouteRateLimits rateLimit,
        Transport transport,
        Eras eras,
        Map<String, List<String>> toolScopes,
        Map<String, List<String>> methodScopes,
        DenyAs denyAs,
        ResilienceConfig resilience,
        StreamsConfig streams,
        Map<String, List<String>> resourceScopes,
        Map<String, List<String>> promptScopes,
        ScopeHierarchy scopeHierarchy,
        boolean auditArgumentNames) {

    /** Where a legacy ({@link Transport#SSE}) route takes client messages: {@code <path>/message?sessionId=…}. */
    public static final String LEGACY_MESSAGE_SUFFIX = "/message";

    public RouteConfig {
        authorizationServers = List.copyOf(authorizationServers);
        audiences = Set.copyOf(audiences);
        requiredScopes = List.copyOf(requiredScopes);
        upstreamHeaders = Map.copyOf(upstreamHeaders);
        toolScopes = ScopeMaps.copyOf(toolScopes);
        methodScopes = ScopeMaps.copyOf(methodScopes);
        resourceScopes = ScopeMaps.copyOf(resourceScopes);
        promptScopes = ScopeMaps.copyOf(promptScopes);
    }

    /** RFC 9728 §3: the well-known URI suffix of protected resource metadata. */
    public static final String PROTECTED_RESOURCE_METADATA = "/.well-known/oauth-protected-resource";

    /**
     * Where this route's protected resource metadata is (RFC 9728 §3.1): the well-known segment goes between the
     * host and the resource path, never after it; built from the configured public base URL, never from the Host.
     */
    public String resourceMetadataUrl() {
        return resource.substring(0, resource.length() - path.length()) + PROTECTED_RESOURCE_METADATA + path;
    }

    /** The public path of the legacy message endpoint; only meaningful for {@link Transport#SSE} routes. */
    public String legacyMessagePath() {
        return path + LEGACY_MESSAGE_SUFFIX;
    }

    /** The MCP transport the upstream speaks. */
    public enum Transport {
        /** MCP 2025-03-26 and later: one endpoint for POST, GET and DELETE. */
        STREAMABLE_HTTP,
        /** MCP 2024-11-05 HTTP+SSE: a GET stream whose {@code endpoint} event names the POST endpoint. */
        SSE
    }

    /** The protocol eras a route serves (MCP 2026-07-28 basic, "Versioning"). */
    public enum Eras {
        /** Dual-era: each request is served by the rules of the era it claims. */
        BOTH,
        /** 2026-07-28 and later only: no GET stream, no DELETE, no {@code initialize} sessions. */
        MODERN_ONLY
    }

    /** How a tools/method policy denial is answered (MCP 2025-11-25 authorization, "Runtime Insufficient Scope Errors"). */
    public enum DenyAs {
        /** {@code 403} with an RFC 6750 {@code insufficient_scope} challenge. */
        CHALLENGE,
        /** {@code 200} with a JSON-RPC error for the request id, for clients that treat a bare 403 as fatal. */
        JSONRPC_ERROR
    }

    /** The audiences a token for this route may carry: the resource URI plus the configured extras. */
    public Set<String> acceptedAudiences() {
        if (audiences.isEmpty()) {
            // The common case, asked on every request: one immutable element, no hash table.
            return Set.of(resource);
        }
        var accepted = new java.util.LinkedHashSet<String>();
        accepted.add(resource);
        accepted.addAll(audiences);
        return accepted;
    }

    /** Never prints {@code upstream-headers} values (they hold upstream credentials): configuration may end up in logs. */
    @Override
    public String toString() {
        return "RouteConfig[id=" + id + ", path=" + path + ", resource=" + resource + ", upstream=" + upstream
                + ", transport=" + transport + ", authorizationServers=" + authorizationServers
                + ", upstreamHeaders=" + upstreamHeaders.keySet() + " (values hidden)]";
    }
}
