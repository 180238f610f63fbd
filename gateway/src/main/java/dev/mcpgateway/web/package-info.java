/**
 * The shared leaf every feature depends on: the pipeline order, the error vocabulary ({@link
 * dev.mcpgateway.web.GatewayError}) and its one writer, the routed-exchange attributes, MCP header names, the
 * Origin check and CORS.
 */
@NullMarked
package dev.mcpgateway.web;

import org.jspecify.annotations.NullMarked;
