package dev.mcpgateway.authz;

import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.token.TokenAuthentication;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Requests to an MCP endpoint need a validated token carrying every baseline scope of the route
 * ({@code scopes.required}). A missing token leads to a 401 challenge, missing scopes to a 403
 * {@code insufficient_scope} challenge (MCP 2025-11-25 authorization, "Scope Challenge Handling").
 */
public final class RouteScopeAuthorizationManager implements ReactiveAuthorizationManager<AuthorizationContext> {

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        RouteConfig route = ExchangeRoutes.route(context.getExchange()).orElseThrow();
        return authentication
                .filter(TokenAuthentication.class::isInstance)
                .map(auth -> (AuthorizationResult) new AuthorizationDecision(
                        ((TokenAuthentication) auth).getPrincipal().hasAll(route.requiredScopes())))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
