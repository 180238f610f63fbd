package dev.mcpgateway.observability;

import io.micrometer.observation.ObservationPredicate;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * The frameworks' generic per-request observations are off: Spring WebFlux's server observation (a long-task timer
 * and fresh tag sets per request, kept for as long as a stream lasts), the HTTP client's, and Spring Security's
 * observation of every filter-chain phase and authorization. Together they were about 7 % of the CPU and 9 % of the
 * bytes allocated per request in {@code load-tests/profile.sh}. The gateway records what operators need itself, with
 * pre-registered meters and bounded tags.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfiguration {

    /** Observation names the gateway never records (Micrometer's names, as Spring Framework documents them). */
    static final Set<String> OFF = Set.of("http.server.requests", "http.client.requests");

    @Bean
    ObservationPredicate frameworkRequestObservationsOff() {
        return (name, context) -> !OFF.contains(name) && !name.startsWith("spring.security.");
    }

    @Bean
    SecurityObservationSettings securityObservationsOff() {
        return SecurityObservationSettings.noObservations();
    }
}
