package dev.mcpgateway.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;

/**
 * The request body the gateway forwards when a step has read it whole: MCP inspection reads every POST body (at most
 * {@code gateway.max-request-bytes}) and forwards the exact bytes received; unsealing a request state forwards others.
 * The body can be subscribed again (a connect retry resends the same bytes), and the exchange is marked so that the
 * routing step may send it together with the request headers in one write instead of streaming it.
 */
public final class ForwardedBody {

    private static final String IN_MEMORY = ForwardedBody.class.getName() + ".inMemory";

    private ForwardedBody() {}

    /** The exchange with {@code request}'s body replaced by {@code body}. */
    public static ServerWebExchange replace(ServerWebExchange exchange, ServerHttpRequest request, byte[] body) {
        ServerHttpRequest forwarded = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(
                        () -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        exchange.getAttributes().put(IN_MEMORY, Boolean.TRUE);
        return exchange.mutate().request(forwarded).build();
    }

    /** Whether the body the exchange forwards was read whole by a step ({@link #replace}), so it is bounded. */
    public static boolean inMemory(ServerWebExchange exchange) {
        return Boolean.TRUE.equals(exchange.getAttribute(IN_MEMORY));
    }
}
