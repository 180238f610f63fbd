package dev.mcpgateway.config;

import org.jspecify.annotations.Nullable;

/**
 * Which claims of an authorization server's tokens carry the scopes, the client, the audience and the subject.
 * Providers shape these differently ({@code scope} vs {@code scp}, {@code azp} vs {@code client_id} vs {@code cid},
 * no {@code aud} in Cognito access tokens); a {@code null} component means the default, which covers the common
 * shapes.
 *
 * @param scopeClaim    default: {@code scope} (RFC 9068 §2.2.3, RFC 7662 §2.2), else {@code scp}; a space-delimited
 *                      string, an array, or an object whose keys are the values
 * @param clientIdClaim default: the first of {@code client_id} (RFC 9068 §2.2), {@code azp}, {@code cid}, {@code appid}
 * @param audienceClaim default: {@code aud} (RFC 7519 §4.1.3)
 * @param subjectClaim  default: {@code sub} (RFC 7519 §4.1.2), else the client id (a client acting for itself)
 */
public record ClaimMapping(
        @Nullable String scopeClaim,
        @Nullable String clientIdClaim,
        @Nullable String audienceClaim,
        @Nullable String subjectClaim) {

    public static final ClaimMapping DEFAULTS = new ClaimMapping(null, null, null, null);
}
