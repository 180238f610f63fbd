/**
 * Infrastructure the stores of several features share: the connection to a Redis that replicas use together
 * ({@link dev.mcpgateway.store.RedisConnection}). Depends only on {@code config}.
 */
@NullMarked
package dev.mcpgateway.store;

import org.jspecify.annotations.NullMarked;
