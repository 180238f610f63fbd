package dev.mcpgateway.authz;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.token.TokenAuthentication;
import dev.mcpgateway.web.RoutedExchange;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Requests to an MCP endpoint need a validated token carrying every baseline scope of the route
 * ({@code scopes.required}), counting the scopes its scopes imply ({@code scopes.implies}). A missing token leads to
 * a 401 challenge, missing scopes to a 403 {@code insufficient_scope} challenge (MCP 2026-07-28 authorization, "Scope
 * Challenge Handling"). A POST on a route whose tool policy asks more than the baseline (and answers with a
 * challenge) needs only a valid token here: {@link ToolAuthorizationFilter} checks the baseline together with the
 * operation's scopes after reading the body, so one challenge names every scope the operation needs instead of the
 * baseline first and the tool's scope on the next attempt.
 */
public final class RouteScopeAuthorizationManager implements ReactiveAuthorizationManager<AuthorizationContext> {

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        RouteConfig route = RoutedExchange.route(context.getExchange()).orElseThrow();
        boolean decidedByPolicy = context.getExchange().getRequest().getMethod() == HttpMethod.POST
                && route.denyAs() == RouteConfig.DenyAs.CHALLENGE
                && ToolPolicy.restricts(route);
        return authentication
                .filter(TokenAuthentication.class::isInstance)
                .map(auth -> (AuthorizationResult) new AuthorizationDecision(decidedByPolicy
                        || route.scopeHierarchy()
                                .covers(
                                        ((TokenAuthentication) auth)
                                                .getPrincipal()
                                                .scopes(),
                                        route.requiredScopes())))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
