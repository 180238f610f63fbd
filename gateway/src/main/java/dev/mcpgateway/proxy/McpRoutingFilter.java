package dev.mcpgateway.proxy;

import dev.mcpgateway.web.EventLoopTimers;
import dev.mcpgateway.web.ForwardedBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Pipeline step 12, the upstream call, in place of Spring Cloud Gateway's {@link NettyRoutingFilter} (turned off) and
 * at its position. It does what that filter does (send the request on the route's client, put the upstream's
 * response and connection on the exchange for {@link UpstreamAnswerWriter}, which writes the body, and bound
 * the time to the response headers) with three differences, each measured under load:
 *
 * <ul>
 *   <li>The upstream's header fields are written once, by the route's {@link UpstreamRequestHeaders}, straight into
 *       the outgoing request, and the client's once, by {@link UpstreamResponseHeaders}, straight into the response:
 *       the stock filter builds three intermediate copies in each direction, and keeps two of them, with a copy of
 *       the client configuration, for as long as a stream stays open.</li>
 *   <li>A body the pipeline read whole ({@link ForwardedBody}: every POST, which MCP inspection reads) leaves with its
 *       headers in one message, with its exact {@code Content-Length} and never chunked, instead of headers, body and
 *       end marker written apart.</li>
 *   <li>The route's requests are prepared once ({@link UpstreamClient}), with one static body function
 *       ({@link #SEND}) that finds its exchange in the subscriber context.</li>
 * </ul>
 *
 * <p>The route's {@code timeouts.first-byte} ends when the response headers arrive, so established streams are never
 * cut; it is reported as {@code 504}, as Spring Cloud Gateway does, and turned into the gateway's answer by the
 * resilience steps.
 */
final class McpRoutingFilter implements GlobalFilter, Ordered {

    /** Route metadata: the route's {@link UpstreamClient}. */
    static final String UPSTREAM_CLIENT = McpRoutingFilter.class.getName() + ".upstreamClient";

    /** The subscriber-context key of the exchange whose request {@link #SEND} writes. */
    private static final String EXCHANGE = McpRoutingFilter.class.getName() + ".exchange";

    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI target = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (ServerWebExchangeUtils.isAlreadyRouted(exchange)) {
            return chain.filter(exchange);
        }
        if (target == null
                || route == null
                || !(route.getMetadata().get(UPSTREAM_CLIENT) instanceof UpstreamClient upstream)) {
            return Mono.error(new IllegalStateException("A request reached routing without a compiled route"));
        }
        ServerWebExchangeUtils.setAlreadyRouted(exchange);
        ServerHttpRequest request = exchange.getRequest();
        HttpMethod method = HttpMethod.valueOf(request.getMethod().name());
        Duration firstByte = upstream.firstByteTimeout();
        return upstream.request(method, target)
                .responseConnection((response, connection) -> received(exchange, response, connection))
                .timeout(
                        EventLoopTimers.delay(exchange, firstByte),
                        ignored -> Mono.never(),
                        Mono.error(() -> new ResponseStatusException(
                                HttpStatus.GATEWAY_TIMEOUT,
                                "No response headers from the upstream within " + firstByte.toMillis() + " ms")))
                .contextWrite(Context.of(EXCHANGE, exchange, UPSTREAM_CLIENT, upstream))
                .then(chain.filter(exchange));
    }

    /**
     * Writes the upstream request's header fields and body for the exchange in the subscriber context. One static
     * function for every request, so that the client configuration Reactor Netty keeps (in the connection pool, for
     * as long as it lives) holds no exchange ({@link UpstreamClient}).
     */
    static final BiFunction<HttpClientRequest, NettyOutbound, Publisher<Void>> SEND = (upstreamRequest, outbound) -> {
        ContextView context = upstreamRequest.currentContextView();
        return send(context.get(EXCHANGE), context.get(UPSTREAM_CLIENT), upstreamRequest, outbound);
    };

    private static Publisher<Void> send(
            ServerWebExchange exchange,
            UpstreamClient upstream,
            HttpClientRequest upstreamRequest,
            NettyOutbound outbound) {
        io.netty.handler.codec.http.HttpHeaders headers = upstreamRequest.requestHeaders();
        upstream.requestHeaders().write(exchange, headers);
        if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            // Reactor Netty chose chunked framing before these fields were set; one framing only (RFC 9112 §6.3).
            headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        }
        Flux<DataBuffer> body = exchange.getRequest().getBody();
        if (ForwardedBody.inMemory(exchange)) {
            // One message: Reactor Netty sends a Mono's buffer with the headers, its length as Content-Length.
            return outbound.send(DataBufferUtils.join(body).map(McpRoutingFilter::byteBuf));
        }
        return outbound.send(body.map(McpRoutingFilter::byteBuf));
    }

    private static Mono<HttpClientResponse> received(
            ServerWebExchange exchange, HttpClientResponse upstreamResponse, Connection connection) {
        exchange.getAttributes().put(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR, upstreamResponse);
        exchange.getAttributes().put(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR, connection);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(upstreamResponse.status().code()));
        if (!response.isCommitted()) {
            List<String> copied =
                    UpstreamResponseHeaders.copy(upstreamResponse.responseHeaders(), response.getHeaders());
            exchange.getAttributes().put(ServerWebExchangeUtils.CLIENT_RESPONSE_HEADER_NAMES, Set.copyOf(copied));
        }
        return Mono.just(upstreamResponse);
    }

    private static ByteBuf byteBuf(DataBuffer buffer) {
        if (buffer instanceof NettyDataBuffer netty) {
            return netty.getNativeBuffer();
        }
        // Buffers of another factory (tests' mock exchanges): copied.
        ByteBuf copy = Unpooled.buffer(buffer.readableByteCount());
        copy.writeBytes(buffer.asByteBuffer());
        DataBufferUtils.release(buffer);
        return copy;
    }
}
