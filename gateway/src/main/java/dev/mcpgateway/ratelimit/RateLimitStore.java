package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RateLimitPlan;
import reactor.core.publisher.Mono;

/**
 * Where token buckets live: this process's memory, or a Redis shared by every replica. Every call
 * is non-blocking; a store that cannot answer fails the returned {@link Mono}.
 */
interface RateLimitStore extends AutoCloseable {

    /** Takes one token from the bucket {@code key}, creating it full under {@code plan} if it does not exist. */
    Mono<Consumption> tryConsume(String key, RateLimitPlan plan);

    /** Completes when the store answers; fails when it does not. */
    Mono<Void> ping();

    /** Releases connections; never blocks. */
    @Override
    void close();
}
