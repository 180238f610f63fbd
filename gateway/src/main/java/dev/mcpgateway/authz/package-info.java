/**
 * Authorization: the security filter chain, route scopes, and the per-tool policy ({@link
 * dev.mcpgateway.authz.ToolPolicy}) with the {@code insufficient_scope} challenges it answers.
 */
@NullMarked
package dev.mcpgateway.authz;

import org.jspecify.annotations.NullMarked;
