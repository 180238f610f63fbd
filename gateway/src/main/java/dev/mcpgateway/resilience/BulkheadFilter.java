package dev.mcpgateway.resilience;

import dev.mcpgateway.PipelineOrder;
import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.RouteConfig;
import io.github.resilience4j.bulkhead.Bulkhead;
import java.time.Duration;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Bounds what one route's upstream has to carry at once: calls and long-lived GET streams have separate limits,
 * so open streams can never starve calls. Over the limit the answer is an immediate {@code 503} with
 * {@code Retry-After}; nothing queues. The permit is held until the response has ended, streams included, and is
 * released through {@link ExchangeCompletion} on completion, error and client cancel alike.
 */
public final class BulkheadFilter implements GlobalFilter, Ordered {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final UpstreamGuards guards;

    public BulkheadFilter(UpstreamGuards guards) {
        this.guards = guards;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<RouteConfig> route = ExchangeRoutes.route(exchange);
        if (route.isEmpty()) {
            return chain.filter(exchange);
        }
        RequestKind kind = RequestKind.of(exchange.getRequest());
        Bulkhead bulkhead = guards.forRoute(route.get()).bulkhead(kind);
        if (!bulkhead.tryAcquirePermission()) {
            UpstreamFailure full =
                    kind == RequestKind.STREAM ? UpstreamFailure.STREAMS_FULL : UpstreamFailure.CALLS_FULL;
            return Mono.error(new UpstreamRefusedException(full, route.get().id(), RETRY_AFTER));
        }
        ExchangeCompletion.onFinish(exchange, bulkhead::onComplete);
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return PipelineOrder.BULKHEAD;
    }
}
