/**
 * The demo authorization server (Spring Authorization Server) that issues audience-restricted access tokens (RFC
 * 8707 resource indicators) for the demo.
 */
@NullMarked
package dev.mcpgateway.demo.authserver;

import org.jspecify.annotations.NullMarked;
