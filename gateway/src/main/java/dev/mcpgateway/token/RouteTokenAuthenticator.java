package dev.mcpgateway.token;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.RoutedExchange;
import java.util.function.Supplier;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 5: validates the bearer token against the rules of the route the request addresses:
 * its trusted authorization servers (JWT or introspection, {@link RouteTokenVerifier}) and its resource URI as
 * audience (RFC 8707 §2, MCP 2025-11-25 authorization, "Token Audience Binding and Validation"). An authorization
 * server that cannot be reached (keys never read, introspection down or too slow) becomes
 * {@link AuthorizationServerUnavailableException}: {@code 503}, never {@code 401}.
 */
public final class RouteAuthenticationManagerResolver
        implements ReactiveAuthenticationManagerResolver<ServerWebExchange> {

    private final Supplier<RouteTokenVerifier> verifier;

    public RouteAuthenticationManagerResolver(Supplier<RouteTokenVerifier> verifier) {
        this.verifier = verifier;
    }

    @Override
    public Mono<ReactiveAuthenticationManager> resolve(ServerWebExchange exchange) {
        return Mono.justOrEmpty(RoutedExchange.route(exchange)).map(route -> managerFor(route, exchange));
    }

    private ReactiveAuthenticationManager managerFor(RouteConfig route, ServerWebExchange exchange) {
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            return verifier.get()
                    .verify(token, route)
                    .map(principal -> {
                        // The route's tenant claim is forwarded upstream and keys rate limits: it must be forwardable
                        // too.
                        if (!ForwardableText.isForwardable(TenantResolver.tenant(principal, route.tenantClaim()))) {
                            throw TokenRejection.UNFORWARDABLE_IDENTITY.exception();
                        }
                        ExchangePrincipal.record(exchange, principal);
                        return (Authentication) new TokenAuthentication(principal);
                    })
                    .onErrorMap(
                            AuthenticationServiceException.class,
                            unavailable -> new AuthorizationServerUnavailableException(unavailable.getMessage()));
        };
    }
}
