package dev.mcpgateway.authz;

import dev.mcpgateway.PipelineOrder;
import dev.mcpgateway.config.ExchangeRoutes;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 2, CORS for browser-based MCP clients. Preflights are answered here, without a
 * token, because browsers never send credentials on a preflight. Every answer to a browser,
 * challenges included, exposes {@code WWW-Authenticate} and {@code Mcp-Session-Id}, without which a
 * browser client can neither start OAuth discovery nor keep its session.
 *
 * <p>MCP endpoints echo the (already validated, see {@link OriginFilter}) origin; discovery
 * documents are public metadata and allow any origin.
 */
public final class CorsFilter implements WebFilter, Ordered {

    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Mcp-Session-Id, MCP-Protocol-Version, "
            + "Last-Event-ID, Mcp-Method, Mcp-Name";
    /** The challenge and session id (DESIGN.md §2), and the back-off of a {@code 429}/{@code 503}, which browser clients need too. */
    static final String EXPOSED_HEADERS = "WWW-Authenticate, Mcp-Session-Id, Retry-After, RateLimit, RateLimit-Policy";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
        boolean mcpEndpoint = ExchangeRoutes.route(exchange).isPresent();
        boolean discovery = request.getPath().pathWithinApplication().value().startsWith("/.well-known/");
        if (origin == null || !(mcpEndpoint || discovery)) {
            return chain.filter(exchange);
        }
        String allowOrigin = mcpEndpoint ? origin : "*";
        if (request.getMethod() == HttpMethod.OPTIONS
                && request.getHeaders().containsHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
            headers.set(
                    HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                    mcpEndpoint ? "GET, POST, DELETE, OPTIONS" : "GET, OPTIONS");
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            headers.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
            headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
            exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
            return exchange.getResponse().setComplete();
        }
        exchange.getResponse().beforeCommit(() -> {
            // Set, not add: an upstream's own CORS headers must not contradict the gateway's policy.
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
            headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
            headers.remove(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
            if (mcpEndpoint && !headers.getVary().contains(HttpHeaders.ORIGIN)) {
                headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return PipelineOrder.CORS;
    }
}
