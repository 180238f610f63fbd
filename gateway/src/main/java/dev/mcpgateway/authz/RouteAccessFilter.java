package dev.mcpgateway.authz;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.token.BearerTokenReader;
import dev.mcpgateway.token.RouteTokenAuthenticator;
import dev.mcpgateway.token.TokenPrincipal;
import dev.mcpgateway.web.RoutedExchange;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Pipeline steps 4 to 5b as one web filter: a request to an MCP endpoint goes on only with a bearer token valid for
 * its route ({@link RouteTokenAuthenticator}) that carries the route's baseline scopes ({@link BaselineScopes});
 * everything else that is not an MCP endpoint (discovery, health, unknown paths) is public and its credentials are
 * not read. A missing, malformed or invalid token is answered by {@link ChallengeEntryPoint} ({@code 401}, or
 * {@code 400} for a malformed request, {@code 503} when the authorization server cannot be reached), missing
 * scopes by {@link InsufficientScopeHandler} ({@code 403 insufficient_scope}).
 *
 * <p>It takes the place of Spring Security's authentication and authorization web filters and the security-context
 * filters around them: the gateway is stateless and every later step reads the principal from the exchange
 * ({@code token.ExchangePrincipal}), so the reactive security context, request cache and exception translation
 * they bring would only add operators to every request.
 */
public final class RouteAccessFilter implements WebFilter {

    private final RouteTokenAuthenticator authenticator;
    private final ChallengeEntryPoint challenge;
    private final InsufficientScopeHandler insufficientScope;

    public RouteAccessFilter(
            RouteTokenAuthenticator authenticator,
            ChallengeEntryPoint challenge,
            InsufficientScopeHandler insufficientScope) {
        this.authenticator = authenticator;
        this.challenge = challenge;
        this.insufficientScope = insufficientScope;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        @Nullable RouteConfig route = RoutedExchange.route(exchange).orElse(null);
        if (route == null) {
            return chain.filter(exchange);
        }
        return authenticator
                .authenticate(exchange, route)
                .onErrorResume(
                        AuthenticationException.class,
                        failure -> challenge.commence(exchange, failure).then(Mono.empty()))
                .flatMap(principal -> admitted(BearerTokenReader.withoutCredential(exchange), chain, route, principal));
    }

    private Mono<Void> admitted(
            ServerWebExchange exchange, WebFilterChain chain, RouteConfig route, TokenPrincipal principal) {
        if (BaselineScopes.met(route, exchange.getRequest().getMethod(), principal)) {
            return chain.filter(exchange);
        }
        return insufficientScope.handle(exchange, new AccessDeniedException("Insufficient scope"));
    }
}
