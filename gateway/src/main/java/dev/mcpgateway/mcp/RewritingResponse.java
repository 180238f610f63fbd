package dev.mcpgateway.mcp;

import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A response that rewrites MCP messages on their way to the client without buffering a stream:
 * a {@code text/event-stream} is cut into events as it arrives and each event, rewritten or not, is
 * written and flushed on its own (so progress notifications keep their timing); a JSON body, one
 * message or a batch of them, is read whole (bounded) and its {@code Content-Length} corrected.
 * When {@code active} says no at write time, the body passes through untouched.
 */
public final class RewritingResponse extends ServerHttpResponseDecorator {

    /** A JSON response larger than this is not rewritten but refused: failing closed beats leaking. */
    static final int MAX_JSON_BYTES = 16 * 1024 * 1024;

    private final BooleanSupplier active;
    private final Function<byte[], Mono<byte[]>> events;
    private final UnaryOperator<byte[]> json;

    /**
     * @param events rewrites one complete event (its original bytes, terminator included); may drop it (empty)
     * @param json   rewrites a whole JSON body; {@code null} to leave JSON bodies alone
     */
    public RewritingResponse(ServerHttpResponse delegate, BooleanSupplier active, Function<byte[], Mono<byte[]>> events,
            UnaryOperator<byte[]> json) {
        super(delegate);
        this.active = active;
        this.events = events;
        this.json = json;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        if (!active.getAsBoolean()) {
            return super.writeWith(body);
        }
        if (isEncoded()) {
            return refuseEncoded(body);
        }
        if (isEventStream()) {
            return writeAndFlushWith(Flux.from(body).map(buffer -> Mono.just((DataBuffer) buffer)));
        }
        if (json != null && isJson() && (getStatusCode() == null || getStatusCode().is2xxSuccessful())) {
            return DataBufferUtils.join(body, MAX_JSON_BYTES).map(DataBufferBytes::drain).flatMap(original -> {
                byte[] rewritten = json.apply(original);
                getHeaders().setContentLength(rewritten.length);
                return super.writeWith(Mono.just(bufferFactory().wrap(rewritten)));
            }).onErrorMap(DataBufferLimitException.class, tooLarge -> new UninspectableResponseException(
                    "The upstream's JSON response exceeds " + MAX_JSON_BYTES + " bytes"));
        }
        return super.writeWith(body);
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        if (!active.getAsBoolean() || !isEventStream()) {
            return super.writeAndFlushWith(body);
        }
        if (isEncoded()) {
            return refuseEncoded(Flux.from(body).concatMap(Flux::from));
        }
        getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        SseEventSplitter splitter = new SseEventSplitter(MAX_JSON_BYTES);
        Flux<Mono<DataBuffer>> rewritten = Flux.from(body)
                .concatMap(Flux::from)
                .concatMapIterable(chunk -> splitter.feed(DataBufferBytes.drain(chunk)))
                .concatWith(Flux.defer(() -> Flux.fromIterable(splitter.finish())))
                .concatMap(events)
                .map(event -> Mono.just(bufferFactory().wrap(event)));
        return super.writeAndFlushWith(rewritten);
    }

    /** Compressed bytes cannot be inspected; passing them on would skip the rewrite, so refuse instead. */
    private boolean isEncoded() {
        String encoding = getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
        return encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity");
    }

    private Mono<Void> refuseEncoded(Publisher<? extends DataBuffer> body) {
        String encoding = getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
        return Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.error(new UninspectableResponseException(
                "The upstream sent a '" + encoding + "'-encoded response that the gateway must inspect")));
    }

    private boolean isEventStream() {
        MediaType type = getHeaders().getContentType();
        return type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type);
    }

    private boolean isJson() {
        MediaType type = getHeaders().getContentType();
        return type != null && MediaType.APPLICATION_JSON.isCompatibleWith(type);
    }
}
