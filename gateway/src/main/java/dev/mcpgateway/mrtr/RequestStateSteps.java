package dev.mcpgateway.mrtr;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.RequestStateConfig;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.ErrorResponseWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * The request-state steps of a route's pipeline ({@link SealingResponseFilter} among the response decorators,
 * {@link RequestStateFilter} after tool authorization), built once per route when
 * {@code routes.yaml} loads, with the key of {@code gateway.request-state.key}, or else a key generated once when the
 * gateway starts. A generated key is this process's alone: replicas behind one load balancer must share a configured
 * key, or a retry reaching another replica is refused. Legacy HTTP+SSE routes (2024-11-05 upstreams, which know no
 * multi round-trip requests) get no step.
 */
public final class RequestStateSteps {

    private static final Logger LOG = LoggerFactory.getLogger(RequestStateSteps.class);

    private final ErrorResponseWriter errors;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final byte[] generatedKey = new byte[RequestStateConfig.KEY_BYTES];

    public RequestStateSteps(ErrorResponseWriter errors, Clock clock) {
        this.errors = errors;
        this.clock = clock;
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
        byte[] key = settings.key();
        if (key == null) {
            key = generatedKey.clone();
            if (config.sessionStore().redis() != null || config.rateLimits().redis() != null) {
                LOG.warn(
                        "gateway.request-state.key is not set although a Redis store suggests several replicas:"
                                + " each replica seals request states with its own key, so a retry reaching another replica"
                                + " is refused. Configure one key for all replicas (route {}).",
                        route.id());
            }
        }
        return Optional.of(
                new RequestStateFilter(route, new RequestStateSealer(key, settings.ttl(), clock, random), errors));
    }
}
