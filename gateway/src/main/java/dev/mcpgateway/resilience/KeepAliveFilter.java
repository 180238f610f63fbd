package dev.mcpgateway.resilience;

import java.time.Duration;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
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
public final class KeepAliveFilter implements GatewayFilter {

    private final Duration period;

    /** @param period the route's {@code streams.keep-alive} */
    KeepAliveFilter(Duration period) {
        this.period = period;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpResponse response = new KeepAliveResponse(exchange.getResponse(), period);
        return chain.filter(exchange.mutate().response(response).build());
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
