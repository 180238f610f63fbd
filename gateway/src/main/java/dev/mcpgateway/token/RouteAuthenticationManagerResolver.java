package dev.mcpgateway.token;

import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.RouteConfig;
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
 * its trusted authorization servers and its resource URI as audience (RFC 8707 §2, MCP 2025-11-25
 * authorization, "Token Audience Binding and Validation").
 */
public final class RouteAuthenticationManagerResolver implements ReactiveAuthenticationManagerResolver<ServerWebExchange> {

    private final Supplier<AccessTokenVerifier> verifier;

    public RouteAuthenticationManagerResolver(Supplier<AccessTokenVerifier> verifier) {
        this.verifier = verifier;
    }

    @Override
    public Mono<ReactiveAuthenticationManager> resolve(ServerWebExchange exchange) {
        return Mono.justOrEmpty(ExchangeRoutes.route(exchange)).map(this::managerFor);
    }

    private ReactiveAuthenticationManager managerFor(RouteConfig route) {
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            return verifier.get().verify(token, route.authorizationServers(), route.acceptedAudiences())
                    .map(jwt -> (Authentication) new TokenAuthentication(TokenPrincipal.from(jwt)))
                    .onErrorMap(AuthenticationServiceException.class,
                            unavailable -> new AuthorizationServerUnavailableException(unavailable.getMessage()));
        };
    }
}
