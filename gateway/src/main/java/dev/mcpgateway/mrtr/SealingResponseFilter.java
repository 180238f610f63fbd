package dev.mcpgateway.mrtr;

import dev.mcpgateway.mcp.RewritingResponse;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The response half of sealed request state, placed where response decorators must be (before the write of the
 * response, so every later step writes through it): when {@link RequestStateFilter} recorded a binding for this
 * exchange (a 2026-07-28 {@code tools/call}, {@code prompts/get} or {@code resources/read}), the answer is read
 * message by message and every {@code requestState} in it sealed ({@link SealingRewrite}); any other answer is
 * written untouched, without being read.
 */
final class SealingResponseFilter implements GatewayFilter {

    static final SealingResponseFilter INSTANCE = new SealingResponseFilter();
    private static final String BINDING = SealingResponseFilter.class.getName() + ".sealing";

    private SealingResponseFilter() {}

    /** Asks for this exchange's answer to be sealed with {@code rewrite}. */
    static void sealAnswer(ServerWebExchange exchange, SealingRewrite rewrite) {
        exchange.getAttributes().put(BINDING, rewrite);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                @Nullable SealingRewrite rewrite = exchange.getAttribute(BINDING);
                return rewrite == null
                        ? super.writeWith(body)
                        : new RewritingResponse(getDelegate(), rewrite, false).writeWith(body);
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                @Nullable SealingRewrite rewrite = exchange.getAttribute(BINDING);
                return rewrite == null
                        ? super.writeAndFlushWith(body)
                        : new RewritingResponse(getDelegate(), rewrite, false).writeAndFlushWith(body);
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }
}
