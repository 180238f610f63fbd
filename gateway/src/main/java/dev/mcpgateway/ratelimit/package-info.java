/**
 * Rate limits per tenant and for unauthenticated clients (bucket4j), in memory or shared through Redis, answered
 * with {@code 429}, {@code Retry-After} and {@code RateLimit-*} headers.
 */
@NullMarked
package dev.mcpgateway.ratelimit;

import org.jspecify.annotations.NullMarked;
