package dev.mcpgateway.token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health details of the configured authorization servers, at {@code /actuator/health/authorization-servers}: whether
 * their metadata was found with the configured issuer, whether it supports PKCE {@code S256}, and every warning. A
 * warning does not make the gateway unhealthy (it still validates tokens), but it means MCP clients will refuse that
 * server (MCP 2025-11-25 authorization, "Authorization Code Protection"), so it must be visible here.
 */
public final class AuthorizationServersHealthIndicator implements HealthIndicator {

    private final AuthorizationServerMetadataRegistry registry;

    public AuthorizationServersHealthIndicator(AuthorizationServerMetadataRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        new TreeMap<>(registry.statuses()).forEach((name, status) -> health.withDetail(name, details(status)));
        return health.build();
    }

    private static Map<String, Object> details(MetadataStatus status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("issuer", status.issuer());
        details.put(
                "metadata",
                status.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (status.metadata() != null) {
            details.put("metadataLocation", status.metadata().location().toString());
        }
        if (status.state() == MetadataStatus.State.VALID) {
            details.put("pkceS256", status.foundMetadata().supportsS256());
        }
        details.put("warnings", status.warnings());
        return details;
    }
}
