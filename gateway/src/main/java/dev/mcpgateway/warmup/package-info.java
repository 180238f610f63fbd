/**
 * Warming the gateway up before it reports ready: a route of its own (an unguessable path that accepts only tokens
 * signed inside the process), with its own upstream and authorization server in the process, driven through the real
 * server port for a bounded time, so the JIT has compiled the request path before the first client's request
 * arrives. No upstream of {@code routes.yaml} is called.
 */
@NullMarked
package dev.mcpgateway.warmup;

import org.jspecify.annotations.NullMarked;
