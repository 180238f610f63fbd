package dev.mcpgateway.resilience;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.token.ExchangePrincipal;
import dev.mcpgateway.web.PipelineOrder;
import dev.mcpgateway.web.RoutedExchange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ends a GET stream cleanly (the response completes, the upstream connection is released) when the access token
 * that opened it expires ({@link StreamDeadline}) or when a graceful shutdown closes streams ({@link DrainState}).
 * A client then reconnects with a fresh token and {@code Last-Event-ID} (MCP 2025-11-25 transports, "Resumability
 * and Redelivery"); the spec itself does not bound a stream's life, so without this a revoked or expired grant would
 * keep receiving messages for hours.
 */
public final class StreamLifetimeFilter implements GlobalFilter, Ordered {

    private final DrainState drain;
    private final Clock clock;

    public StreamLifetimeFilter(DrainState drain, Clock clock) {
        this.drain = drain;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<RouteConfig> route = RoutedExchange.route(exchange);
        if (route.isEmpty() || RequestKind.of(exchange.getRequest()) != RequestKind.STREAM) {
            return chain.filter(exchange);
        }
        Mono<?> end = closeSignal(StreamDeadline.of(route.get().streams(), ExchangePrincipal.of(exchange)));
        ServerHttpResponse response = new BoundedResponse(exchange.getResponse(), end);
        return chain.filter(exchange.mutate().response(response).build());
    }

    private Mono<?> closeSignal(Optional<Instant> deadline) {
        if (deadline.isEmpty()) {
            return drain.streamsClosing();
        }
        Mono<Long> expiry = Mono.defer(() -> {
            Duration left = Duration.between(clock.instant(), deadline.get());
            return Mono.delay(left.isNegative() ? Duration.ZERO : left);
        });
        return Mono.firstWithSignal(drain.streamsClosing(), expiry);
    }

    @Override
    public int getOrder() {
        return PipelineOrder.STREAM_LIFETIME;
    }

    private static final class BoundedResponse extends ServerHttpResponseDecorator {

        private final Mono<?> end;

        BoundedResponse(ServerHttpResponse delegate, Mono<?> end) {
            super(delegate);
            this.end = end;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return super.writeWith(Flux.from(body).takeUntilOther(end));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return super.writeAndFlushWith(Flux.from(body).takeUntilOther(end));
        }
    }
}
