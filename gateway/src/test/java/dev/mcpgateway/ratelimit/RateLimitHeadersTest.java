package dev.mcpgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.RateLimitPlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    @Test
    void policyPublishesCapacityAndTheTimeAnEmptyBucketTakesToFill() {
        assertThat(RateLimitHeaders.policy("tenant", new RateLimitPlan(120, 60, Duration.ofMinutes(1))))
                .isEqualTo("\"tenant\";q=120;w=120");
        assertThat(RateLimitHeaders.policy("tool", new RateLimitPlan(10, 10, Duration.ofHours(1))))
                .isEqualTo("\"tool\";q=10;w=3600");
    }

    @Test
    void statePublishesRemainingAndSecondsToReset() {
        assertThat(RateLimitHeaders.state("tenant", 17, 42)).isEqualTo("\"tenant\";r=17;t=42");
    }

    @Test
    void retryAfterRoundsUpAndIsNeverZero() {
        assertThat(RateLimitHeaders.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(RateLimitHeaders.retryAfterSeconds(0)).isEqualTo(1);
        assertThat(RateLimitHeaders.retryAfterSeconds(Duration.ofMillis(2001).toNanos()))
                .isEqualTo(3);
        assertThat(RateLimitHeaders.retryAfterSeconds(Duration.ofSeconds(2).toNanos()))
                .isEqualTo(2);
        assertThat(RateLimitHeaders.seconds(0)).isZero();
    }
}
