package dev.mcpgateway.resilience;

import dev.mcpgateway.PipelineOrder;
import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.config.StreamsConfig;
import java.time.Duration;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Applies {@link SseKeepAlive} to the {@code text/event-stream} responses of routes with {@code streams.keep-alive}.
 * Spring Cloud Gateway writes such responses with {@code writeAndFlushWith}, one flushed group per upstream chunk;
 * the decorator keeps that shape and only inserts comment groups of its own.
 */
public final class KeepAliveFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<Duration> period = ExchangeRoutes.route(exchange)
                .map(RouteConfig::streams)
                .filter(StreamsConfig::keepAliveEnabled)
                .map(StreamsConfig::keepAlive);
        if (period.isEmpty()) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = new KeepAliveResponse(exchange.getResponse(), period.get());
        return chain.filter(exchange.mutate().response(response).build());
    }

    @Override
    public int getOrder() {
        return PipelineOrder.KEEP_ALIVE;
    }

    private static final class KeepAliveResponse extends ServerHttpResponseDecorator {

        private final Duration period;

        KeepAliveResponse(ServerHttpResponse delegate, Duration period) {
            super(delegate);
            this.period = period;
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            MediaType contentType = getHeaders().getContentType();
            if (contentType == null || !MediaType.TEXT_EVENT_STREAM.isCompatibleWith(contentType)) {
                return super.writeAndFlushWith(body);
            }
            Flux<DataBuffer> chunks = Flux.from(body).concatMap(group -> Flux.<DataBuffer>from(group), 1);
            return super.writeAndFlushWith(
                    SseKeepAlive.interleave(chunks, period, bufferFactory(), Schedulers.parallel())
                            .map(Flux::just));
        }
    }
}
