/**
 * The one-command demo: launches a demo authorization server, a demo MCP upstream and the gateway in front of them.
 */
@NullMarked
package dev.mcpgateway.demo;

import org.jspecify.annotations.NullMarked;
