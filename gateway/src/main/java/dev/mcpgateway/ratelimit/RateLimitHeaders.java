package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.RateLimitPlan;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The IETF RateLimit header fields, in the syntax of draft-ietf-httpapi-ratelimit-headers-09/-10
 * (Structured Field lists, RFC 8941): {@code RateLimit-Policy: "tenant";q=120;w=60} and
 * {@code RateLimit: "tenant";r=17;t=42}. A token bucket maps onto a quota policy as: {@code q} = the
 * capacity, {@code w} = the seconds an empty bucket takes to fill; {@code r} = tokens left,
 * {@code t} = seconds until the bucket is full again, or on a refusal the {@code Retry-After} delay
 * (draft §4: both then name the same point in time). The draft is not final.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/">draft-ietf-httpapi-ratelimit-headers</a>
 */
final class RateLimitHeaders {

    static final String POLICY = "RateLimit-Policy";
    static final String STATE = "RateLimit";

    private RateLimitHeaders() {}

    static String policy(String name, RateLimitPlan plan) {
        Duration fill = plan.timeToFill();
        return '"' + name + "\";q=" + plan.capacity() + ";w=" + (fill.getSeconds() + (fill.getNano() > 0 ? 1 : 0));
    }

    static String state(String name, long remaining, long secondsToReset) {
        return '"' + name + "\";r=" + remaining + ";t=" + secondsToReset;
    }

    /** RFC 9110 §10.2.3 delay-seconds, rounded up so a client never retries early; at least 1. */
    static long retryAfterSeconds(long nanos) {
        return Math.max(1, seconds(nanos));
    }

    /** Whole seconds, rounded up. */
    static long seconds(long nanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return nanos > TimeUnit.SECONDS.toNanos(seconds) ? seconds + 1 : seconds;
    }
}
