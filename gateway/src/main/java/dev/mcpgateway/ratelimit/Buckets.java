package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RateLimitPlan;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

/** The bucket4j form of a plan: one greedy-refill bandwidth, so tokens come back continuously, not in steps. */
final class Buckets {

    private Buckets() {}

    static Bandwidth bandwidth(RateLimitPlan plan) {
        return Bandwidth.builder()
                .capacity(plan.capacity())
                .refillGreedy(plan.refillTokens(), plan.refillPeriod())
                .build();
    }

    static BucketConfiguration configuration(RateLimitPlan plan) {
        return BucketConfiguration.builder().addLimit(bandwidth(plan)).build();
    }
}
