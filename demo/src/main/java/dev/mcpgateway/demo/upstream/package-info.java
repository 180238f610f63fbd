/**
 * The demo MCP upstream (MCP Java SDK): a few tools behind no authentication, which reports the headers the
 * gateway forwarded.
 */
@NullMarked
package dev.mcpgateway.demo.upstream;

import org.jspecify.annotations.NullMarked;
