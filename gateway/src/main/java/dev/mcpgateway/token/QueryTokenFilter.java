package dev.mcpgateway.token;

import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.GatewayError;
import dev.mcpgateway.web.RoutedExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 4: access tokens are accepted in the {@code Authorization} header only (RFC 6750 §2.1).
 * A token in the query string (RFC 6750 §2.3) is refused with {@code 400 invalid_request} and never
 * validated, because MCP clients MUST NOT send one (MCP 2025-11-25 authorization, "Token Requirements")
 * and URLs end up in logs and browser history.
 */
public final class QueryTokenFilter implements WebFilter {

    private static final String ACCESS_TOKEN_PARAMETER = "access_token";

    private final ErrorResponseWriter errors;

    public QueryTokenFilter(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (RoutedExchange.route(exchange).isPresent()
                && exchange.getRequest().getQueryParams().containsKey(ACCESS_TOKEN_PARAMETER)) {
            return errors.write(
                    exchange,
                    GatewayError.invalidRequest(
                            "Access tokens are accepted only in the Authorization header, never in the URL"));
        }
        return chain.filter(exchange);
    }
}
