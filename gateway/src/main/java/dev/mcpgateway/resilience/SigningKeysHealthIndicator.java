package dev.mcpgateway.resilience;

import dev.mcpgateway.token.JwksKeySource.KeySetStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the authorization servers' signing keys ({@link KeySetHealth}): {@code UP}; {@code DEGRADED} when a
 * JWKS endpoint fails but cached keys still validate; {@code DOWN} when an issuer's keys were never readable. It is
 * not part of the readiness group: an authorization-server outage must not take every replica out of service.
 */
public final class SigningKeysHealthIndicator implements HealthIndicator {

    /** Serving, with reduced guarantees. Ordered between DOWN and UP by {@code management.endpoint.health.status.order}. */
    public static final Status DEGRADED =
            new Status("DEGRADED", "Signing keys are served from cache; the JWKS endpoint fails");

    private final Supplier<List<KeySetStatus>> keySets;

    /** @param keySets the current key-set status of every authorization server whose JWTs are verified locally */
    public SigningKeysHealthIndicator(Supplier<List<KeySetStatus>> keySets) {
        this.keySets = keySets;
    }

    @Override
    public Health health() {
        List<KeySetStatus> statuses = keySets.get();
        Map<String, Object> details = new LinkedHashMap<>();
        Status overall = Status.UP;
        for (KeySetStatus status : statuses) {
            KeySetHealth health = KeySetHealth.of(status);
            details.put(status.serverName(), detail(status, health));
            if (health == KeySetHealth.UNAVAILABLE) {
                overall = Status.DOWN;
            } else if (health == KeySetHealth.DEGRADED && overall != Status.DOWN) {
                overall = DEGRADED;
            }
        }
        return Health.status(overall).withDetails(details).build();
    }

    private static Map<String, Object> detail(KeySetStatus status, KeySetHealth health) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("keys", health.name());
        detail.put("cachedKeys", status.keys());
        if (status.lastSuccess() != null) {
            detail.put("lastRefresh", status.lastSuccess().toString());
        }
        if (status.lastFailure() != null) {
            detail.put("lastFailure", status.lastFailure().toString());
        }
        return detail;
    }
}
