package dev.mcpgateway.proxy;

import dev.mcpgateway.PipelineOrder;
import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.token.TenantResolver;
import dev.mcpgateway.token.TokenAuthentication;
import dev.mcpgateway.token.TokenPrincipal;
import java.util.List;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 11, what reaches the upstream. The client's token is never passed through
 * (MCP 2025-11-25 authorization, "Access Token Privilege Restriction"; security best practices,
 * "Token Passthrough"): {@code Authorization} and {@code Cookie} are removed. Identity headers come
 * only from the validated token, overwriting anything the client sent, so they cannot be spoofed.
 * {@code Accept-Encoding} is dropped so that streams arrive uncompressed and can be relayed event by event.
 */
public final class UpstreamHeadersFilter implements GlobalFilter, Ordered {

    public static final String SUBJECT = "X-MCP-Subject";
    public static final String CLIENT_ID = "X-MCP-Client-Id";
    public static final String SCOPES = "X-MCP-Scopes";
    public static final String TENANT = "X-MCP-Tenant";

    private static final List<String> REMOVED = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE,
            HttpHeaders.PROXY_AUTHORIZATION, HttpHeaders.ACCEPT_ENCODING, SUBJECT, CLIENT_ID, SCOPES, TENANT);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<RouteConfig> route = ExchangeRoutes.route(exchange);
        return exchange.getPrincipal()
                .filter(TokenAuthentication.class::isInstance)
                .map(principal -> Optional.of(((TokenAuthentication) principal).getPrincipal()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(principal -> chain.filter(exchange.mutate()
                        .request(request -> request.headers(headers -> rewrite(headers, route, principal)))
                        .build()));
    }

    static void rewrite(HttpHeaders headers, Optional<RouteConfig> route, Optional<TokenPrincipal> principal) {
        REMOVED.forEach(headers::remove);
        route.ifPresent(r -> r.upstreamHeaders().forEach(headers::set));
        principal.ifPresent(p -> {
            headers.set(SUBJECT, p.subject());
            if (p.clientId() != null) {
                headers.set(CLIENT_ID, p.clientId());
            }
            headers.set(SCOPES, String.join(" ", p.scopes()));
            String tenant = TenantResolver.tenant(p, route.map(RouteConfig::tenantClaim).orElse(null));
            if (!tenant.isEmpty()) {
                headers.set(TENANT, tenant);
            }
        });
    }

    @Override
    public int getOrder() {
        return PipelineOrder.UPSTREAM_HEADERS;
    }
}
