package dev.mcpgateway.mrtr;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.RequestStateConfig;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.mcp.SessionStore;
import dev.mcpgateway.web.ErrorResponseWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * The request-state steps of a route's pipeline ({@link SealingResponseFilter} among the response decorators,
 * {@link RequestStateFilter} after tool authorization), built once per route when
 * {@code routes.yaml} loads, with the key of {@code gateway.request-state.key}, or else a key generated when the gateway
 * starts and agreed through the session store ({@link SessionStore#sharedSecret}): with a Redis session store the
 * first replica's key serves every replica; with an in-memory store it is this process's alone. Legacy HTTP+SSE
 * routes (2024-11-05 upstreams, which know no multi round-trip requests) get no step.
 */
public final class RequestStateSteps {

    private static final Logger LOG = LoggerFactory.getLogger(RequestStateSteps.class);
    /** The name of the generated sealing key in the session store ({@link SessionStore#sharedSecret}). */
    static final String SHARED_KEY_NAME = "request-state-key";

    private final ErrorResponseWriter errors;
    private final Clock clock;
    private final Supplier<SessionStore> stores;
    private final SecureRandom random = new SecureRandom();
    private final byte[] generatedKey = new byte[RequestStateConfig.KEY_BYTES];

    public RequestStateSteps(ErrorResponseWriter errors, Clock clock, Supplier<SessionStore> stores) {
        this.errors = errors;
        this.clock = clock;
        this.stores = stores;
        random.nextBytes(generatedKey);
    }

    /** Seals the request states in answers the request step marked for it; empty on legacy HTTP+SSE routes. */
    public Optional<GatewayFilter> sealing(RouteConfig route) {
        return route.transport() == RouteConfig.Transport.SSE
                ? Optional.empty()
                : Optional.of(SealingResponseFilter.INSTANCE);
    }

    /** Opens request states in retries and marks answers for sealing; empty on legacy HTTP+SSE routes. */
    public Optional<GatewayFilter> requestState(GatewayConfig config, RouteConfig route) {
        if (route.transport() == RouteConfig.Transport.SSE) {
            return Optional.empty();
        }
        RequestStateConfig settings = config.requestState();
        byte[] configured = settings.key();
        SealerSource sealers;
        if (configured != null) {
            sealers = SealerSource.fixed(new RequestStateSealer(configured, settings.ttl(), clock, random));
        } else {
            if (config.sessionStore().redis() == null && config.rateLimits().redis() != null) {
                LOG.warn(
                        "gateway.request-state.key is not set and session bindings are kept in memory although a Redis"
                                + " rate-limit store suggests several replicas: each replica seals request states with"
                                + " its own key, so a retry reaching another replica is refused. Configure one key, or"
                                + " a Redis session store (route {}).",
                        route.id());
            }
            byte[] candidate = generatedKey.clone();
            sealers = SealerSource.shared(
                    () -> stores.get().sharedSecret(SHARED_KEY_NAME, candidate),
                    key -> new RequestStateSealer(key, settings.ttl(), clock, random));
        }
        return Optional.of(new RequestStateFilter(route, sealers, errors));
    }
}
