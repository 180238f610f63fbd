package dev.mcpgateway.resilience;

import dev.mcpgateway.config.StreamsConfig;
import dev.mcpgateway.token.ExchangePrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.NettyOutbound;

/**
 * Ends a stream (a GET, or a 2026-07-28 {@code subscriptions/listen} POST) cleanly (the response completes, the
 * upstream connection is released) when the access token that opened it expires ({@link StreamDeadline}) or when a
 * graceful shutdown closes streams ({@link DrainState}). A client then reconnects with a fresh token, and
 * {@code Last-Event-ID} (MCP 2025-11-25 transports, "Resumability and Redelivery"), or listens again: a listen stream
 * closed without its graceful result is an unexpected end the client may re-listen after (MCP 2026-07-28
 * "Subscriptions"); no result is forged. The spec itself does not bound a stream's life, so without this a revoked or expired grant would
 * keep receiving messages for hours.
 */
public final class StreamLifetimeFilter implements GatewayFilter {

    private final StreamsConfig streams;
    private final DrainState drain;
    private final Clock clock;

    StreamLifetimeFilter(StreamsConfig streams, DrainState drain, Clock clock) {
        this.streams = streams;
        this.drain = drain;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET
                && exchange.getRequest().getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        // Decided when the response is written: a listen POST is known as a stream only after inspection.
        Supplier<Optional<Mono<?>>> end = () -> RequestKind.of(exchange) == RequestKind.STREAM
                ? Optional.of(closeSignal(StreamDeadline.of(streams, ExchangePrincipal.of(exchange))))
                : Optional.empty();
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

    private static final class BoundedResponse extends ServerHttpResponseDecorator {

        private final Supplier<Optional<Mono<?>>> end;
        private volatile boolean cut;
        private volatile boolean whole;

        BoundedResponse(ServerHttpResponse delegate, Supplier<Optional<Mono<?>>> end) {
            super(delegate);
            this.end = end;
        }

        /**
         * A body written this way is one message, not a stream of events (those come through
         * {@link #writeAndFlushWith}): ended early, it must read as incomplete (RFC 9112 §8: short of its
         * {@code Content-Length}, or without its last chunk), so the client connection is closed inside it. A
         * completed response would claim a length it does not have, leaving the rest to be read as the client's
         * next answer, or end a cut JSON body cleanly. The server then fails to finish a response on a closed
         * connection ({@code channel not registered to an event loop}, or an abort): the cut's own consequence, so
         * the exchange ends without that error, which Spring's adapter would log as a server error.
         */
        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            Optional<Mono<?>> close = end.get();
            return close.isEmpty()
                    ? super.writeWith(body)
                    : super.writeWith(Flux.from(body)
                                    .doOnComplete(() -> whole = true)
                                    .takeUntilOther(close.get().doOnNext(signal -> abort())))
                            .onErrorResume(afterCut -> cut, afterCut -> Mono.empty());
        }

        /**
         * Closes the client connection on its own event loop, and only while the body has not arrived whole: the
         * signal comes from a timer or the shutdown, and a close racing an answer that just completed would otherwise
         * hit the connection's next (pipelined) request. The response completes on that event loop after the body
         * did, so the check there cannot miss it.
         */
        private void abort() {
            Object nativeResponse;
            try {
                nativeResponse = ServerHttpResponseDecorator.getNativeResponse(getDelegate());
            } catch (IllegalArgumentException | IllegalStateException noConnection) {
                nativeResponse = null;
            }
            if (!(nativeResponse instanceof NettyOutbound outbound)) {
                cut = true; // a mock response in tests: the body is cut, there is no connection to close
                return;
            }
            outbound.withConnection(connection -> connection
                    .channel()
                    .eventLoop()
                    .execute(() -> {
                        if (!whole) {
                            cut = true;
                            connection.dispose();
                        }
                    }));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            Optional<Mono<?>> close = end.get();
            return close.isEmpty()
                    ? super.writeAndFlushWith(body)
                    : super.writeAndFlushWith(Flux.from(body).takeUntilOther(close.get()));
        }
    }
}
