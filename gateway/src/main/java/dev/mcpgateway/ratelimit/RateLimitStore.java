package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RateLimitPlan;
import reactor.core.publisher.Mono;

/**
 * Where token buckets live: this process's memory, or a Redis shared by every replica. Every call
 * is non-blocking; a store that cannot answer fails the returned {@link Mono}.
 */
interface RateLimitStore extends AutoCloseable {

    /**
     * Takes {@code tokens} from the bucket {@code key} at once, or none of them, creating the bucket full under
     * {@code plan} if it does not exist.
     */
    Mono<Consumption> tryConsume(String key, RateLimitPlan plan, long tokens);

    /** Takes one token. */
    default Mono<Consumption> tryConsume(String key, RateLimitPlan plan) {
        return tryConsume(key, plan, 1);
    }

    /** Gives back {@code tokens} a request took but did not use (a later limit refused it); never past capacity. */
    Mono<Void> refund(String key, RateLimitPlan plan, long tokens);

    /** Completes when the store answers; fails when it does not. */
    Mono<Void> ping();

    /** Releases connections; never blocks. */
    @Override
    void close();
}
