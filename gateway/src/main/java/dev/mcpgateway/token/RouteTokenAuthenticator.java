package dev.mcpgateway.token;

import dev.mcpgateway.config.RouteConfig;
import java.util.function.Supplier;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 5: validates the bearer token against the rules of the route the request addresses:
 * its trusted authorization servers (JWT or introspection, {@link RouteTokenVerifier}) and its resource URI as
 * audience (RFC 8707 §2, MCP 2025-11-25 authorization, "Token Audience Binding and Validation"). An authorization
 * server that cannot be reached (keys never read, introspection down or too slow) becomes
 * {@link AuthorizationServerUnavailableException}: {@code 503}, never {@code 401}. The caller hands on the exchange
 * without the verified token ({@link BearerTokenReader#withoutCredential}): the principal is all later steps need.
 */
public final class RouteTokenAuthenticator {

    private final Supplier<RouteTokenVerifier> verifier;

    public RouteTokenAuthenticator(Supplier<RouteTokenVerifier> verifier) {
        this.verifier = verifier;
    }

    /**
     * The principal of the exchange's bearer token, validated for {@code route} and recorded on the exchange
     * ({@link ExchangePrincipal}). Fails with an {@link AuthenticationException}: credentials not found (no bearer
     * token), {@link OAuth2AuthenticationException} (malformed request or invalid token), or
     * {@link AuthorizationServerUnavailableException}.
     */
    public Mono<TokenPrincipal> authenticate(ServerWebExchange exchange, RouteConfig route) {
        String token;
        try {
            token = BearerTokenReader.read(exchange.getRequest().getHeaders());
        } catch (OAuth2AuthenticationException malformed) {
            return Mono.error(malformed);
        }
        if (token == null) {
            return Mono.error(new AuthenticationCredentialsNotFoundException("No bearer token"));
        }
        return verifier.get()
                .verify(token, route)
                .map(principal -> {
                    // The route's tenant claim is forwarded upstream and keys rate limits: it must be forwardable too.
                    if (!ForwardableText.isForwardable(TenantResolver.tenant(principal, route.tenantClaim()))) {
                        throw TokenRejection.UNFORWARDABLE_IDENTITY.exception();
                    }
                    ExchangePrincipal.record(exchange, principal);
                    return principal;
                })
                .switchIfEmpty(Mono.error(() -> new AuthenticationServiceException("The token check gave no answer")))
                .onErrorMap(
                        AuthenticationServiceException.class,
                        unavailable -> new AuthorizationServerUnavailableException(unavailable.getMessage()));
    }
}
