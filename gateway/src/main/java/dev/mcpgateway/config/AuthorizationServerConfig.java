package dev.mcpgateway.config;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One trusted OAuth 2.1 authorization server.
 *
 * @param name              the key under {@code gateway.authorization-servers}; routes refer to it
 * @param issuer            the exact issuer identifier (RFC 8414 §2); compared character for character with {@code iss}
 * @param jwksUri           where its signing keys are published, or {@code null} to discover {@code jwks_uri}
 *                          from the issuer's metadata (RFC 8414 §3, then OpenID Connect Discovery)
 * @param introspection     its RFC 7662 introspection endpoint and the gateway's credentials, or {@code null}
 * @param tokenFormat       whether its tokens are verified as JWTs, introspected, or dispatched by shape
 * @param claims            which claims carry scopes, client, audience and subject
 * @param maxTokenLifetime  the longest {@code exp - iat} accepted, or {@code null} for no limit
 */
public record AuthorizationServerConfig(
        String name,
        String issuer,
        @Nullable URI jwksUri,
        @Nullable IntrospectionConfig introspection,
        TokenFormat tokenFormat,
        ClaimMapping claims,
        @Nullable Duration maxTokenLifetime) {

    /** A JWT-only server with the default claim mapping and no lifetime limit. */
    public AuthorizationServerConfig(String name, String issuer, @Nullable URI jwksUri) {
        this(name, issuer, jwksUri, null, TokenFormat.JWT, ClaimMapping.DEFAULTS, null);
    }
}
