package dev.mcpgateway.config;

import java.net.URI;

/**
 * One trusted OAuth 2.1 authorization server.
 *
 * @param name    the key under {@code gateway.authorization-servers}; routes refer to it
 * @param issuer  the exact issuer identifier (RFC 8414 §2); compared character for character with {@code iss}
 * @param jwksUri where its signing keys are published, or {@code null} to discover {@code jwks_uri}
 *                from the issuer's metadata (RFC 8414 §3, then OpenID Connect Discovery)
 */
public record AuthorizationServerConfig(String name, String issuer, URI jwksUri) {
}
