package dev.mcpgateway.token;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.TokenFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Part of the readiness group: {@code UP} only once the configuration is loaded and every authorization server was
 * reached at least once, its metadata read or its signing keys read; until then {@code OUT_OF_SERVICE}, so a new
 * replica takes no traffic it would answer with {@code 503}. Later outages do not turn it back (cached keys keep
 * validating; the {@code signingKeys} component reports them as {@code DEGRADED}). A server whose tokens are only
 * introspected ({@code token-format: opaque}) needs neither and counts as read.
 */
public final class AuthorizationServersReadiness implements HealthIndicator {

    private final GatewayConfigStore store;
    private final AuthorizationServerMetadataRegistry metadata;
    private final Supplier<RouteTokenVerifier> verifier;
    private final boolean required;

    /** @param required {@code gateway.readiness.authorization-servers}: when false, always {@code UP} */
    public AuthorizationServersReadiness(
            GatewayConfigStore store,
            AuthorizationServerMetadataRegistry metadata,
            Supplier<RouteTokenVerifier> verifier,
            boolean required) {
        this.required = required;
        this.store = store;
        this.metadata = metadata;
        this.verifier = verifier;
    }

    @Override
    public Health health() {
        if (!required) {
            return Health.up().withDetail("required", false).build();
        }
        Map<String, MetadataStatus> documents = metadata.statuses();
        Map<String, JwksKeySource.KeySetStatus> keys = new HashMap<>();
        List<JwksKeySource.KeySetStatus> keySets = verifier.get().keySetStatus();
        keySets.forEach(status -> keys.put(status.serverName(), status));
        Map<String, Object> details = new LinkedHashMap<>();
        boolean ready = true;
        for (AuthorizationServerConfig server :
                store.current().authorizationServers().values()) {
            MetadataStatus document = documents.get(server.name());
            JwksKeySource.KeySetStatus keySet = keys.get(server.name());
            boolean read = server.tokenFormat() == TokenFormat.OPAQUE
                    || document != null && document.state() == MetadataStatus.State.VALID
                    || keySet != null && keySet.lastSuccess() != null;
            details.put(server.name(), read ? "read" : "not read yet");
            ready &= read;
        }
        return Health.status(ready ? Status.UP : Status.OUT_OF_SERVICE)
                .withDetails(details)
                .build();
    }
}
