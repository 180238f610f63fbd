/**
 * Public discovery documents: OAuth 2.0 Protected Resource Metadata (RFC 9728) per route and the optional
 * authorization-server metadata mirror for 2025-03-26 clients.
 */
@NullMarked
package dev.mcpgateway.discovery;

import org.jspecify.annotations.NullMarked;
