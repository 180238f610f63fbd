package dev.mcpgateway.config;

import java.time.Duration;

/**
 * How the gateway protects one route's upstream, a legacy MCP server that is often slow, flaky and
 * single-instance (DESIGN.md §2 step 10).
 *
 * @param circuitBreaker when to stop sending calls to a failing upstream, and how to probe it again
 * @param bulkhead       how many calls and how many long-lived streams may be open at once
 * @param retryConnect   whether a request whose connection could not be established is tried once more;
 *                       nothing of such a request reached the upstream, so even a {@code tools/call} is safe to retry
 */
public record ResilienceConfig(CircuitBreakerSettings circuitBreaker, BulkheadSettings bulkhead, boolean retryConnect) {

    public static final ResilienceConfig DEFAULTS =
            new ResilienceConfig(CircuitBreakerSettings.DEFAULTS, BulkheadSettings.DEFAULTS, true);

    /**
     * A count-based circuit breaker. Failures are connect failures, {@code 5xx} answers and first-byte timeouts.
     *
     * @param failureRateThreshold percentage of failed calls in the window that opens the circuit (1–100)
     * @param minimumCalls         calls the window must hold before the rate is judged
     * @param slidingWindow        how many of the latest calls the rate is computed over
     * @param waitInOpen           how long an open circuit refuses calls before letting probes through
     * @param halfOpenCalls        probe calls let through after the wait; their outcome closes or reopens the circuit
     */
    public record CircuitBreakerSettings(
            int failureRateThreshold, int minimumCalls, int slidingWindow, Duration waitInOpen, int halfOpenCalls) {

        public static final CircuitBreakerSettings DEFAULTS =
                new CircuitBreakerSettings(50, 10, 20, Duration.ofSeconds(30), 3);
    }

    /**
     * Concurrency limits. Long-lived GET streams have their own limit so that they can never starve calls.
     *
     * @param maxConcurrentCalls requests (POST, DELETE) in flight at once, streamed answers included
     * @param maxStreams         open GET streams at once
     */
    public record BulkheadSettings(int maxConcurrentCalls, int maxStreams) {

        public static final BulkheadSettings DEFAULTS = new BulkheadSettings(100, 1000);
    }
}
