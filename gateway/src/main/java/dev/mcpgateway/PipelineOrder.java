package dev.mcpgateway;

import org.springframework.core.Ordered;

/**
 * The request pipeline, in the one place that fixes its order (DESIGN.md §2). Web filters run
 * before Spring Security's filter chain ({@value #SECURITY}) where they must act before
 * authentication; gateway filters run after routing, around the proxy call.
 *
 * <p>Web filters, before the route's upstream is chosen:
 * <ol>
 *   <li>{@link #HTTP_FRAMING}: an ambiguous body length ({@code Transfer-Encoding} other than {@code chunked}, or with
 *       {@code Content-Length}), a protocol switch ({@code Upgrade}) or a tunnel ({@code CONNECT}) is refused.</li>
 *   <li>{@link #ROUTE_RESOLUTION}: find the route for the request path and pin the configuration
 *       snapshot for the whole exchange, so a reload never changes rules mid-request.</li>
 *   <li>{@link #ORIGIN}: a present, disallowed {@code Origin} gets {@code 403} (MCP transports,
 *       DNS-rebinding protection). It runs before authentication so that a hostile page learns
 *       nothing from the challenge and the spec-mandated 403 is not masked by a 401.</li>
 *   <li>{@link #CORS}: preflights are answered here without a token (a browser never sends
 *       credentials on a preflight), and CORS headers are added to every answer, challenges included.</li>
 *   <li>{@link #ADMISSION}: while the gateway shuts down, new MCP requests are refused with {@code 503}
 *       (readiness is already false); after CORS, so a browser client can read the refusal. Requests in
 *       flight are counted so shutdown can wait for them.</li>
 *   <li>{@link #QUERY_TOKEN}: a token in the query string is refused with {@code 400 invalid_request}
 *       (MCP 2025-11-25 authorization, "Token Requirements"); it is never accepted.</li>
 *   <li>{@link #UNAUTHENTICATED_RATE_LIMIT}: a request to an MCP endpoint takes a token from its client
 *       address's bucket before its token is validated, so a flood of bad tokens is cut before it can
 *       make the gateway call JWKS or introspection endpoints; {@code 429} when the bucket is empty.</li>
 *   <li>{@link #SECURITY}: Spring Security resource server: discovery documents are public; route
 *       requests need a valid bearer token bound to the route's resource and its baseline scopes.</li>
 *   <li>{@link #UNAUTHENTICATED_REFUND}: a request that authenticated gives its client-address token
 *       back: the limit is for traffic that does not authenticate, not for legitimate clients.</li>
 * </ol>
 *
 * <p>Gateway filters, after routing and authentication:
 * <ol>
 *   <li>{@link #RESPONSE_SHAPING} and {@link #STREAMING_RESPONSE} only decorate the response (a decorator
 *       must sit before {@code NettyWriteResponseFilter}, -1): {@code tools/list} results are filtered to the
 *       tools the caller may call and a legacy stream's {@code endpoint} event is rewritten to the gateway's
 *       message path, JSON and SSE alike, event by event; responses are marked not to be buffered.</li>
 *   <li>{@link #TRANSPORT_RULES}: the request's HTTP shape (methods per transport, no body on GET and
 *       DELETE, a UTF-8 uncompressed JSON body on POST, single-valued MCP headers), so that the upstream
 *       can only read the message the gateway authorizes; {@code 405}, {@code 415} or {@code 400}.</li>
 *   <li>{@link #SESSION_BINDING}: an {@code Mcp-Session-Id} (or a legacy {@code sessionId}) is honoured only
 *       for the {@code (iss, sub)} that created it; anyone else gets {@code 404} and the upstream never sees
 *       the request.</li>
 *   <li>{@link #MCP_INSPECTION}: POST bodies are read up to {@code gateway.max-request-bytes} and parsed as
 *       JSON-RPC (batches element by element); what was learned is published by {@code mcp.McpCallInfo}
 *       and the request id by {@code mcp.JsonRpcExchange}.</li>
 *   <li>{@link #TOOL_AUTHORIZATION}: the route's {@code scopes.tools}/{@code scopes.methods} policy; a denial
 *       never reaches the upstream.</li>
 *   <li>{@link #RATE_LIMIT}: the tenant's bucket and, for a {@code tools/call}, the tenant's bucket for that
 *       tool ({@code 429} when empty). DESIGN.md §2 puts it before inspection (step 7); it runs after it so
 *       that a refusal carries the JSON-RPC id and the tool is known, and after tool authorization so that
 *       a refused call costs no token.</li>
 *   <li>What reaches the upstream is decided as the request is sent, by {@code proxy.UpstreamRequestHeaders}, the
 *       last of Spring Cloud Gateway's header filters: client credentials and spoofed identity headers stripped,
 *       identity headers set from the token.</li>
 *   <li>{@link #LEGACY_MESSAGE_FORWARD}: a legacy message POST goes to the endpoint its upstream named;
 *       then Spring Cloud Gateway proxies the call and writes the response chunk by chunk.</li>
 *   <li>Resilience around the proxy call (DESIGN.md §2 step 10): {@link #EXCHANGE_COMPLETION} releases what an
 *       exchange holds when its response ends (completed, failed or cancelled); {@link #STREAM_LIFETIME} ends GET
 *       streams when their token expires or shutdown closes them; {@link #KEEP_ALIVE} writes SSE comments into idle
 *       streams. Late, after every other pre-filter: {@link #BULKHEAD} takes a call or stream permit,
 *       {@link #CIRCUIT_BREAKER} refuses calls to a failing upstream and records outcomes at response headers,
 *       {@link #CONNECT_RETRY} retries once a connection that could not be established. Failures become JSON-RPC
 *       errors in {@link #UPSTREAM_ERRORS}, never Spring's default error page.</li>
 * </ol>
 */
public final class PipelineOrder {

    /** The very first step: requests whose framing is ambiguous, or that ask to switch protocols, never go further. */
    public static final int HTTP_FRAMING = -500;

    public static final int ROUTE_RESOLUTION = -400;
    public static final int ORIGIN = -300;
    public static final int CORS = -250;
    public static final int ADMISSION = -225;
    public static final int QUERY_TOKEN = -200;
    /** After origin, CORS and query-token refusals (cheap, stateless), before any token validation. */
    public static final int UNAUTHENTICATED_RATE_LIMIT = -150;
    /** {@code WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER}. */
    public static final int SECURITY = -100;
    /** Directly after the Spring Security chain: reached only by authenticated, authorized requests. */
    public static final int UNAUTHENTICATED_REFUND = -90;

    /** A response decorator (step 12): before {@code NettyWriteResponseFilter} (-1). */
    public static final int RESPONSE_SHAPING = -3;
    /** Response decorators must sit before {@code NettyWriteResponseFilter} (-1) to see the response. */
    public static final int STREAMING_RESPONSE = -2;

    public static final int TRANSPORT_RULES = 50;
    public static final int SESSION_BINDING = 100;
    public static final int MCP_INSPECTION = 300;
    public static final int TOOL_AUTHORIZATION = 400;
    public static final int RATE_LIMIT = 900;
    /**
     * After {@code NettyWriteResponseFilter} (-1) and every pre-routing step: its check of the upstream's status runs
     * when the routing filter has set it, before the writer sends the body.
     */
    public static final int UPSTREAM_STATUS = 0;
    /** After the proxy's upstream path rewrite (9000), before {@code RouteToRequestUrlFilter} (10000). */
    public static final int LEGACY_MESSAGE_FORWARD = 9500;

    /** Outermost gateway filter: its end is the end of the response, whatever ends it. */
    public static final int EXCHANGE_COMPLETION = -30;
    /** Response decorator: the lower order sees the writes last, so it can also end the keep-alive comments. */
    public static final int STREAM_LIFETIME = -20;
    /** Response decorator, written to after any filter that rewrites events. */
    public static final int KEEP_ALIVE = -10;
    /** After every pre-filter (authorization, inspection), so refused requests never hold a permit. */
    public static final int BULKHEAD = Ordered.LOWEST_PRECEDENCE - 30;

    public static final int CIRCUIT_BREAKER = Ordered.LOWEST_PRECEDENCE - 20;
    /** Right before Spring Cloud Gateway's {@code NettyRoutingFilter} ({@code LOWEST_PRECEDENCE}), which it re-runs. */
    public static final int CONNECT_RETRY = Ordered.LOWEST_PRECEDENCE - 10;
    /** A {@code WebExceptionHandler} order: before Spring Boot's {@code DefaultErrorWebExceptionHandler} (-1). */
    public static final int UPSTREAM_ERRORS = -2;

    private PipelineOrder() {}
}
