package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RateLimitPlan;
import io.github.bucket4j.ConsumptionProbe;

/**
 * What a bucket answered when a request tried to take its one token.
 *
 * @param verdict      taken, refused, or unknown because the store could not be reached
 * @param remaining    tokens left after this request
 * @param nanosToRetry when refused: how long until a token is available again
 * @param nanosToFull  how long until the bucket is full again
 */
public record Consumption(Verdict verdict, long remaining, long nanosToRetry, long nanosToFull) {

    /** Whether the tokens were taken, refused, or could not be asked for. */
    public enum Verdict {
        CONSUMED,
        REJECTED,
        STORE_UNAVAILABLE
    }

    /**
     * A request that asks more tokens than the bucket can ever hold waits forever in bucket4j's terms; it is told to
     * retry once the bucket is full again, when the request that fits will pass.
     */
    static Consumption of(ConsumptionProbe probe, RateLimitPlan plan) {
        long fill = plan.timeToFill().toNanos();
        long retry = probe.isConsumed() ? 0 : Math.min(probe.getNanosToWaitForRefill(), fill);
        return new Consumption(
                probe.isConsumed() ? Verdict.CONSUMED : Verdict.REJECTED,
                probe.getRemainingTokens(),
                retry,
                Math.min(probe.getNanosToWaitForReset(), fill));
    }

    static Consumption storeUnavailable() {
        return new Consumption(Verdict.STORE_UNAVAILABLE, 0, 0, 0);
    }

    public boolean consumed() {
        return verdict == Verdict.CONSUMED;
    }
}
