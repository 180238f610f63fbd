package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * The authorization servers' key health is a component of the overall health (its details are hidden by
 * {@code show-details: never}); the readiness probe keeps answering on its own.
 */
class SigningKeysHealthIT extends ResilienceIntegrationTest {

    @Autowired
    private HealthContributorRegistry health;

    @Test
    void keyHealthIsAComponentOfTheOverallHealth() {
        assertThat(health.getContributor("signingKeys")).isInstanceOf(SigningKeysHealthIndicator.class);
        client().get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        client().get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }
}
