package dev.mcpgateway.config;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how the gateway asks an authorization server whether an opaque token is active (RFC 7662 §2).
 *
 * @param uri          the introspection endpoint (RFC 7662 §2.1)
 * @param clientId     the gateway's client identifier at the authorization server
 * @param clientSecret the gateway's client secret; comes from {@code ${ENV}} and is never printed
 * @param clientAuth   how the credentials are sent (RFC 6749 §2.3.1)
 * @param timeout      the longest the gateway waits for an answer; beyond it the request gets {@code 503}
 * @param cacheTtl     the longest an active result is reused (never past the token's {@code exp}); also the
 *                     revocation latency
 */
public record IntrospectionConfig(
        URI uri,
        String clientId,
        String clientSecret,
        ClientAuthentication clientAuth,
        Duration timeout,
        Duration cacheTtl) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);

    /** RFC 6749 §2.3.1 client password authentication: {@code client_secret_basic} or {@code client_secret_post}. */
    public enum ClientAuthentication {
        /** HTTP Basic with the form-urlencoded id and secret (the method every server must support). */
        BASIC,
        /** {@code client_id} and {@code client_secret} in the form body. */
        POST
    }

    /** Never prints the secret: configuration may end up in logs. */
    @Override
    public String toString() {
        return "IntrospectionConfig[uri=" + uri + ", clientId=" + clientId + ", clientSecret=(hidden), clientAuth="
                + clientAuth + ", timeout=" + timeout + ", cacheTtl=" + cacheTtl + "]";
    }
}
