package dev.mcpgateway.token;

import java.time.Duration;

public record TokenVerifierSettings(Duration clockSkew, Duration jwksRefreshInterval, Duration jwksMinRefetchInterval,
        int cacheMaxSize, Duration cacheMaxTtl, Duration httpTimeout) {
    public static TokenVerifierSettings defaults() {
        return new TokenVerifierSettings(Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofSeconds(30), 10_000,
                Duration.ofMinutes(5), Duration.ofSeconds(5));
    }
}
