/**
 * MCP transport rules and inspection: bounded JSON-RPC parsing of request bodies, header rules, SSE event streams,
 * and sessions bound to the principal that created them.
 */
@NullMarked
package dev.mcpgateway.mcp;

import org.jspecify.annotations.NullMarked;
