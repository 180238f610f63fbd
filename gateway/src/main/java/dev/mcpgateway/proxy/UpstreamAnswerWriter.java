package dev.mcpgateway.proxy;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;

/**
 * Writes the upstream's answer body to the client, in place of Spring Cloud Gateway's {@link NettyWriteResponseFilter}
 * and at its position (its constant). Event streams are relayed event by event, each flushed as it arrives, as there,
 * and never with the upstream's {@code Content-Length}: steps add keep-alive comments to a stream or end it early,
 * and a client that read a length no longer true would take the rest for its next answer (RFC 9112 §6.3).
 * An answer with a {@code Content-Length} of 1 to {@value #WHOLE_BODY_BYTES} bytes (a JSON-RPC result) is
 * written once it has arrived whole, with the response head in one message: the stock writer writes the head and
 * the body apart, two sends per answer. Larger answers stream as they arrive, so the gateway never holds more than
 * that per answer. An upstream that breaks off inside such a body is answered {@code 502} instead of a cut
 * {@code 200}. An empty answer goes the streaming way: written whole it would be no write at all, leaving the commit
 * (and its actions, such as binding a new session) to after the pipeline, where a failing action can no longer be
 * answered {@code 502} and the upstream's fields stay on the error Reactor Netty sends instead.
 */
final class UpstreamAnswerWriter implements GlobalFilter, Ordered {

    /** The largest answer body written whole; a tool result of a few kilobytes is far below. */
    static final int WHOLE_BODY_BYTES = 64 * 1024;

    private final List<MediaType> streamingMediaTypes;

    UpstreamAnswerWriter(List<MediaType> streamingMediaTypes) {
        this.streamingMediaTypes = List.copyOf(streamingMediaTypes);
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).then(Mono.defer(() -> write(exchange))).doFinally(signal -> {
            if (signal == SignalType.CANCEL || signal == SignalType.ON_ERROR) {
                release(exchange);
            }
        });
    }

    private Mono<Void> write(ServerWebExchange exchange) {
        Connection connection = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
        if (connection == null) {
            return Mono.empty();
        }
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // Another step answered already; the upstream's body has nowhere to go.
            release(exchange);
            return Mono.empty();
        }
        Flux<DataBuffer> body = connection.inbound().receive().retain().map(buffer -> wrap(buffer, response));
        if (isStreaming(response)) {
            response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
            return response.writeAndFlushWith(body.map(Flux::just));
        }
        long length = response.getHeaders().getContentLength();
        if (length > 0 && length <= WHOLE_BODY_BYTES) {
            return response.writeWith(DataBufferUtils.join(body, WHOLE_BODY_BYTES));
        }
        return response.writeWith(body);
    }

    private boolean isStreaming(ServerHttpResponse response) {
        MediaType type;
        try {
            type = response.getHeaders().getContentType();
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
        if (type == null) {
            return false;
        }
        for (MediaType streaming : streamingMediaTypes) {
            if (streaming.isCompatibleWith(type)) {
                return true;
            }
        }
        return false;
    }

    private static DataBuffer wrap(io.netty.buffer.ByteBuf buffer, ServerHttpResponse response) {
        if (response.bufferFactory() instanceof NettyDataBufferFactory netty) {
            return netty.wrap(buffer);
        }
        // Another factory (tests' mock responses): copied.
        DataBuffer copy = response.bufferFactory().allocateBuffer(buffer.readableBytes());
        copy.write(buffer.nioBuffer());
        buffer.release();
        return copy;
    }

    private static void release(ServerWebExchange exchange) {
        Connection connection = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
        if (connection != null) {
            connection.dispose();
        }
    }
}
