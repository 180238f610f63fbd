package dev.mcpgateway.ratelimit;

import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * Health component {@code rateLimitStore}: {@code UP} while the store answers a ping, {@code DOWN}
 * during an outage, with the store (never its credentials) and the outage policy in the details.
 * It belongs to the overall health only, not to the liveness or readiness groups: a Redis outage
 * must neither restart replicas nor take them all out of service, which is what the outage policy
 * is for.
 */
final class RateLimitStoreHealthIndicator implements ReactiveHealthIndicator {

    private final CurrentRateLimitStore store;

    RateLimitStoreHealthIndicator(CurrentRateLimitStore store) {
        this.store = store;
    }

    @Override
    public Mono<Health> health() {
        String description = store.description();
        String policy = store.policy().name().toLowerCase(Locale.ROOT);
        return store.ping()
                .then(Mono.fromSupplier(() -> Health.up()
                        .withDetail("store", description)
                        .withDetail("onStoreFailure", policy)
                        .build()))
                .onErrorResume(error -> Mono.just(Health.down()
                        .withDetail("store", description)
                        .withDetail("onStoreFailure", policy)
                        .withDetail("error", error.getClass().getSimpleName())
                        .build()));
    }
}
