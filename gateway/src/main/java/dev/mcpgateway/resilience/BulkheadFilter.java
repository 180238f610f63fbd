package dev.mcpgateway.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Bounds what one route's upstream has to carry at once: calls and long-lived streams (GET, and 2026-07-28
 * {@code subscriptions/listen}, known by now from the inspected body) have separate limits,
 * so open streams can never starve calls. Over the limit the answer is an immediate {@code 503} with
 * {@code Retry-After}; nothing queues. The permit is held until the response has ended, streams included, and is
 * released through {@link ExchangeCompletion} on completion, error and client cancel alike.
 */
public final class BulkheadFilter implements GatewayFilter {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final String routeId;
    private final UpstreamGuard guard;

    BulkheadFilter(String routeId, UpstreamGuard guard) {
        this.routeId = routeId;
        this.guard = guard;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        RequestKind kind = RequestKind.of(exchange);
        Bulkhead bulkhead = guard.bulkhead(kind);
        if (!bulkhead.tryAcquirePermission()) {
            UpstreamFailure full =
                    kind == RequestKind.STREAM ? UpstreamFailure.STREAMS_FULL : UpstreamFailure.CALLS_FULL;
            return Mono.error(new UpstreamRefusedException(full, routeId, RETRY_AFTER));
        }
        ExchangeCompletion.onFinish(exchange, bulkhead::onComplete);
        return chain.filter(exchange);
    }
}
