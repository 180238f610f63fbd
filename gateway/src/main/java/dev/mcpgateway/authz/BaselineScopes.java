package dev.mcpgateway.authz;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.token.TokenPrincipal;
import org.springframework.http.HttpMethod;

/**
 * Pipeline step 5b: requests to an MCP endpoint need a validated token carrying every baseline scope of the route
 * ({@code scopes.required}), counting the scopes its scopes imply ({@code scopes.implies}). A missing token leads to
 * a 401 challenge ({@link RouteAccessFilter}), missing scopes to a 403 {@code insufficient_scope} challenge (MCP 2026-07-28 authorization, "Scope
 * Challenge Handling"). A POST on a route whose tool policy asks more than the baseline (and answers with a
 * challenge) needs only a valid token here: {@link ToolAuthorizationFilter} checks the baseline together with the
 * operation's scopes after reading the body, so one challenge names every scope the operation needs instead of the
 * baseline first and the tool's scope on the next attempt.
 */
public final class BaselineScopes {

    private BaselineScopes() {}

    /** Whether {@code principal} may go past authentication on {@code route} with a request of {@code method}. */
    public static boolean met(RouteConfig route, HttpMethod method, TokenPrincipal principal) {
        boolean decidedByPolicy = method == HttpMethod.POST
                && route.denyAs() == RouteConfig.DenyAs.CHALLENGE
                && ToolPolicy.restricts(route);
        return decidedByPolicy || route.scopeHierarchy().covers(principal.scopes(), route.requiredScopes());
    }
}
