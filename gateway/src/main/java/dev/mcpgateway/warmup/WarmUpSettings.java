package dev.mcpgateway.warmup;

import java.time.Duration;

/**
 * {@code gateway.warm-up.*}: how long the gateway warms itself up before it reports ready ({@code 0s}: not at all),
 * over how many concurrent connections, and at most how many requests.
 */
record WarmUpSettings(Duration duration, int connections, long maxRequests) {

    WarmUpSettings {
        if (duration.isNegative() || duration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(
                    "gateway.warm-up.duration must be between 0s (off) and 10m, not " + duration);
        }
        if (connections < 1 || connections > 256) {
            throw new IllegalArgumentException(
                    "gateway.warm-up.connections must be between 1 and 256, not " + connections);
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("gateway.warm-up.max-requests must be at least 1, not " + maxRequests);
        }
    }

    boolean enabled() {
        return !duration.isZero();
    }
}
