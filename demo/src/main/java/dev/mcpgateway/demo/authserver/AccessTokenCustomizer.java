package dev.mcpgateway.demo.authserver;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes access tokens as RFC 9068 JWT profile tokens bound to the requested resource.
 * <ul>
 * <li>{@code typ} header {@code at+jwt} (RFC 9068 §2.1);</li>
 * <li>{@code aud} = the {@code resource} indicators of the token request, else those of the
 * authorization request (RFC 8707 §2.1, §2.2); without any, the client id, so that a resource
 * server enforcing audience binding rejects the token;</li>
 * <li>{@code scope} as one space-delimited string and {@code client_id} (RFC 9068 §2.2).</li>
 * </ul>
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9068#section-2">RFC 9068 §2</a>
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc8707#section-2">RFC 8707 §2</a>
 */
final class AccessTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ACCESS_TOKEN_TYPE = "at+jwt";

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        String clientId = context.getRegisteredClient().getClientId();
        List<String> resources = requestedResources(context);
        context.getJwsHeader().type(ACCESS_TOKEN_TYPE);
        context.getClaims()
                .audience(resources.isEmpty() ? List.of(clientId) : resources)
                .claim("client_id", clientId)
                .claims((claims) -> claims.remove("scope"));
        if (!context.getAuthorizedScopes().isEmpty()) {
            context.getClaims().claim("scope", String.join(" ", new TreeSet<>(context.getAuthorizedScopes())));
        }
    }

    private static List<String> requestedResources(JwtEncodingContext context) {
        List<String> fromTokenRequest = tokenRequestResources(context.getAuthorizationGrant());
        List<String> fromAuthorizationRequest = authorizationRequestResources(context.getAuthorization());
        if (fromTokenRequest.isEmpty()) {
            return fromAuthorizationRequest;
        }
        if (!fromAuthorizationRequest.isEmpty() && !fromAuthorizationRequest.containsAll(fromTokenRequest)) {
            throw ResourceIndicators.invalidTarget("The resource was not part of the authorization request.");
        }
        return fromTokenRequest;
    }

    private static List<String> tokenRequestResources(Authentication grant) {
        if (grant instanceof OAuth2AuthorizationGrantAuthenticationToken token) {
            return ResourceIndicators.from(token.getAdditionalParameters());
        }
        return List.of();
    }

    private static List<String> authorizationRequestResources(@Nullable OAuth2Authorization authorization) {
        if (authorization == null) {
            return List.of();
        }
        OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        Map<String, Object> parameters = (request != null) ? request.getAdditionalParameters() : Map.of();
        return ResourceIndicators.from(parameters);
    }
}
