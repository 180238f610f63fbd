/**
 * MCP 2026-07-28 multi round-trip requests (basic/patterns/mrtr): the {@code requestState} an upstream hands a
 * client in an {@code InputRequiredResult} is sealed by the gateway before the client sees it, and opened again
 * only on a retry of the same request by the same principal on the same route before it expires.
 */
@NullMarked
package dev.mcpgateway.mrtr;

import org.jspecify.annotations.NullMarked;
