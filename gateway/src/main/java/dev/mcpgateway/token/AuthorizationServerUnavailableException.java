package dev.mcpgateway.token;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;

/**
 * The token could not be checked because its authorization server could not be reached (no signing
 * keys were ever readable). Not the client's fault: answered with {@code 503} and {@code Retry-After},
 * never {@code 401}, which would send the client into a pointless re-authorization loop.
 */
public final class AuthorizationServerUnavailableException extends AuthenticationException {

    public AuthorizationServerUnavailableException(@Nullable String message) {
        super(message);
    }
}
