/**
 * The gateway application: an OAuth 2.1 resource server in front of MCP servers. Each subpackage is one feature of
 * the request pipeline (see {@code docs/request-flow.md}); every package is {@code @NullMarked}: a type is
 * non-null unless it says {@code @Nullable}.
 */
@NullMarked
package dev.mcpgateway;

import org.jspecify.annotations.NullMarked;
