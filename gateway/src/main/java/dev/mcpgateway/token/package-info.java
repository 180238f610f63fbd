/**
 * Bearer token extraction and verification per route (RFC 6750, RFC 9068 JWTs through JWKS, RFC 7662
 * introspection), the verified-token cache and the token principal of an exchange.
 */
@NullMarked
package dev.mcpgateway.token;

import org.jspecify.annotations.NullMarked;
