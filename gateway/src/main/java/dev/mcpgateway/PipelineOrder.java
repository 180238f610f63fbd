package dev.mcpgateway;

/**
 * The request pipeline, in the one place that fixes its order (DESIGN.md §2). Web filters run
 * before Spring Security's filter chain ({@value #SECURITY}) where they must act before
 * authentication; gateway filters run after routing, around the proxy call.
 *
 * <ol>
 *   <li>{@link #ROUTE_RESOLUTION}: find the route for the request path and pin the configuration
 *       snapshot for the whole exchange, so a reload never changes rules mid-request.</li>
 *   <li>{@link #ORIGIN}: a present, disallowed {@code Origin} gets {@code 403} (MCP transports,
 *       DNS-rebinding protection). It runs before authentication so that a hostile page learns
 *       nothing from the challenge and the spec-mandated 403 is not masked by a 401.</li>
 *   <li>{@link #CORS}: preflights are answered here without a token (a browser never sends
 *       credentials on a preflight), and CORS headers are added to every answer, challenges included.</li>
 *   <li>{@link #QUERY_TOKEN}: a token in the query string is refused with {@code 400 invalid_request}
 *       (MCP 2025-11-25 authorization, "Token Requirements"); it is never accepted.</li>
 *   <li>{@link #UNAUTHENTICATED_RATE_LIMIT}: a request to an MCP endpoint takes a token from its client
 *       address's bucket before its token is validated, so a flood of bad tokens is cut before it can
 *       make the gateway call JWKS or introspection endpoints; {@code 429} when the bucket is empty.</li>
 *   <li>{@link #SECURITY}: Spring Security resource server: discovery documents are public; route
 *       requests need a valid bearer token bound to the route's resource and its baseline scopes.</li>
 *   <li>{@link #UNAUTHENTICATED_REFUND}: a request that authenticated gives its client-address token
 *       back: the limit is for traffic that does not authenticate, not for legitimate clients.</li>
 *   <li>Gateway filters (after routing): {@link #RATE_LIMIT} charges the tenant's bucket and, for a
 *       {@code tools/call}, the tenant's bucket for that tool ({@code 429} when empty; DESIGN.md §2
 *       step 7, placed after MCP inspection so that a refusal carries the JSON-RPC id and the tool is
 *       known); {@link #UPSTREAM_HEADERS} strips client credentials and sets
 *       the identity headers; {@link #STREAMING_RESPONSE} marks responses as not to be buffered;
 *       then Spring Cloud Gateway proxies the call and writes the response chunk by chunk.</li>
 * </ol>
 */
public final class PipelineOrder {

    public static final int ROUTE_RESOLUTION = -400;
    public static final int ORIGIN = -300;
    public static final int CORS = -250;
    public static final int QUERY_TOKEN = -200;
    /** {@code WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER}. */
    public static final int SECURITY = -100;

    /** After origin, CORS and query-token refusals (cheap, stateless), before any token validation. */
    public static final int UNAUTHENTICATED_RATE_LIMIT = -150;
    /** Directly after the Spring Security chain: reached only by authenticated, authorized requests. */
    public static final int UNAUTHENTICATED_REFUND = -90;

    /**
     * A gateway filter (runs after routing and authentication), after MCP inspection, which records the
     * JSON-RPC id and the tool name, and before anything is sent upstream.
     */
    public static final int RATE_LIMIT = 900;
    /** Before Spring Cloud Gateway's {@code RouteToRequestUrlFilter} (10000), which needs the final path. */
    public static final int UPSTREAM_HEADERS = 1000;
    /** Response decorators must sit before {@code NettyWriteResponseFilter} (-1) to see the response. */
    public static final int STREAMING_RESPONSE = -2;

    private PipelineOrder() {
    }
}
