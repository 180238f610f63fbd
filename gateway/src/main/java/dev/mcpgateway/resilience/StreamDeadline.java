package dev.mcpgateway.resilience;

import dev.mcpgateway.config.StreamsConfig;
import dev.mcpgateway.token.TokenAuthentication;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;

/**
 * When a GET stream must end because of its token: at the token's {@code exp} (RFC 7519 §4.1.4), if the route
 * closes streams on token expiry and the token has an expiry. Not the end of the clock-skew tolerance: the client
 * knows {@code exp} and is expected to have a fresh token by then.
 */
public final class StreamDeadline {

    private StreamDeadline() {}

    public static Optional<Instant> of(StreamsConfig streams, Optional<Principal> principal) {
        if (!streams.closeOnTokenExpiry()) {
            return Optional.empty();
        }
        return principal
                .filter(TokenAuthentication.class::isInstance)
                .map(authentication ->
                        ((TokenAuthentication) authentication).getPrincipal().expiresAt());
    }
}
