package dev.mcpgateway.token;

import dev.mcpgateway.config.AuthorizationServerConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * The claim checks one authorization server's tokens must pass once their issuer is known, the same for a verified
 * JWT (RFC 9068 §4) and for an active introspection result (RFC 7662 §2.2): {@code exp}/{@code nbf} with bounded
 * skew ({@link TimestampValidator}), the server's lifetime limit ({@link TokenLifetimeValidator}) and the audience
 * in the server's audience claim ({@link AudienceValidator}), in that order. The first failing check wins, so the
 * reported reason is stable, and the checks after it do not run (Spring Security's
 * {@code DelegatingOAuth2TokenValidator} runs every check and collects every error).
 */
final class ClaimRules {

    private final List<OAuth2TokenValidator<Jwt>> serverChecks;
    private final @Nullable String audienceClaim;

    ClaimRules(AuthorizationServerConfig server, TimestampValidator timestamps) {
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(timestamps);
        if (server.maxTokenLifetime() != null) {
            checks.add(new TokenLifetimeValidator(server.maxTokenLifetime()));
        }
        this.serverChecks = List.copyOf(checks);
        this.audienceClaim = server.claims() == null ? null : server.claims().audienceClaim();
    }

    static ClaimRules of(AuthorizationServerConfig server, Clock clock, TokenVerifierSettings settings) {
        return new ClaimRules(server, new TimestampValidator(clock, settings.clockSkew()));
    }

    /**
     * @throws InvalidBearerTokenException with the fixed description of the first failing check
     */
    Jwt check(Jwt jwt, Set<String> acceptedAudiences) {
        check(jwt, serverChecks);
        return check(jwt, List.of(new AudienceValidator(acceptedAudiences, audienceClaim)));
    }

    static Jwt check(Jwt jwt, List<OAuth2TokenValidator<Jwt>> checks) {
        for (OAuth2TokenValidator<Jwt> validator : checks) {
            OAuth2TokenValidatorResult result = validator.validate(jwt);
            if (result.hasErrors()) {
                throw new InvalidBearerTokenException(
                        result.getErrors().iterator().next().getDescription());
            }
        }
        return jwt;
    }
}
