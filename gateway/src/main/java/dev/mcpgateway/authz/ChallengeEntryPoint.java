package dev.mcpgateway.authz;

import dev.mcpgateway.token.AuthorizationServerUnavailableException;
import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.GatewayError;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers failed or missing authentication with the MCP challenge (DESIGN.md §3): {@code 401}
 * without an error code when no token was sent, {@code 401 invalid_token} for a bad token,
 * {@code 400 invalid_request} for a malformed request (RFC 6750 §3.1); {@code 503} when the
 * authorization server needed to check the token cannot be reached.
 */
public final class ChallengeEntryPoint implements ServerAuthenticationEntryPoint {

    private static final int MAX_DESCRIPTION = 120;

    private final ErrorResponseWriter errors;

    public ChallengeEntryPoint(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        return errors.write(exchange, toError(failure));
    }

    static GatewayError toError(AuthenticationException failure) {
        if (failure instanceof AuthorizationServerUnavailableException) {
            return GatewayError.authorizationServerUnavailable();
        }
        if (!(failure instanceof OAuth2AuthenticationException oauth)) {
            return GatewayError.missingToken();
        }
        OAuth2Error error = oauth.getError();
        String description = safe(error.getDescription());
        if (BearerTokenErrorCodes.INVALID_REQUEST.equals(error.getErrorCode())) {
            return GatewayError.invalidRequest(description);
        }
        return GatewayError.invalidToken(description);
    }

    /** Descriptions go into a header and a log-visible body: short, printable, fixed text only. */
    private static String safe(String description) {
        if (description == null || description.isBlank()) {
            return "The access token is invalid";
        }
        StringBuilder printable = new StringBuilder(Math.min(description.length(), MAX_DESCRIPTION));
        for (int i = 0; i < description.length() && printable.length() < MAX_DESCRIPTION; i++) {
            char c = description.charAt(i);
            if (c >= 0x20 && c <= 0x7E) {
                printable.append(c);
            }
        }
        return printable.toString();
    }
}
