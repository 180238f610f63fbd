package dev.mcpgateway.mcp;

import dev.mcpgateway.web.DataBufferBytes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A response that rewrites MCP messages on their way to the client without buffering a stream: a
 * {@code text/event-stream} is read event by event as a client reads it ({@link SseEventStream}) and each event,
 * rewritten or not, is written and flushed on its own, so progress notifications keep their timing; a JSON body,
 * one message or a batch, is read whole (bounded) and its {@code Content-Length} corrected.
 *
 * <p>A {@linkplain #strict strict} rewrite (tool-list filtering) fails closed on anything it cannot read the way a
 * client would: a compressed body, two {@code Content-Type} fields, a charset other than UTF-8, a type that looks
 * like JSON or an event stream without being exactly {@code application/json} or {@code text/event-stream}, or a
 * {@code 200} answer with a body of any other type. Such a response is refused with
 * {@link UninspectableResponseException} (the client gets {@code 502}, or a stream that breaks off), never passed on
 * unread. A lenient rewrite (a legacy {@code endpoint} event) refuses only compressed streams.
 */
public final class RewritingResponse extends ServerHttpResponseDecorator {

    /** A JSON response or event larger than this is not rewritten but refused: failing closed beats leaking. */
    static final int MAX_JSON_BYTES = 16 * 1024 * 1024;

    /** How one response's messages are rewritten. */
    public interface Rewrite {

        /** One complete event (its original bytes are {@link SseEvent#raw()}); the bytes to send instead. */
        Mono<byte[]> event(SseEvent event);

        /** A whole JSON body; the bytes to send instead. */
        Mono<byte[]> json(byte[] body);
    }

    private enum Body {
        EVENT_STREAM,
        JSON,
        OTHER
    }

    private final Rewrite rewrite;
    private final boolean strict;

    /**
     * @param strict whether everything that cannot be read as JSON or as an event stream is refused (see above)
     */
    public RewritingResponse(ServerHttpResponse delegate, Rewrite rewrite, boolean strict) {
        super(delegate);
        this.rewrite = rewrite;
        this.strict = strict;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        return rewriteBody(Flux.from(body));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return rewriteBody(Flux.from(body).concatMap(Flux::from, 1));
    }

    private Mono<Void> rewriteBody(Flux<? extends DataBuffer> chunks) {
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) {
            return refuse(refusal.get());
        }
        return switch (body()) {
            case EVENT_STREAM -> rewriteEvents(chunks);
            case JSON -> rewriteJson(chunks);
            case OTHER -> strict && isSuccessWithBody() ? refuseAnyBytes(chunks) : super.writeWith(chunks);
        };
    }

    private Mono<Void> rewriteEvents(Flux<? extends DataBuffer> chunks) {
        getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        SseEventStream stream = new SseEventStream(MAX_JSON_BYTES);
        // Prefetch of one chunk and no event queue: a stream holds no read-ahead buffers (32 by default, kept for
        // as long as the stream is open) and relays each event as it comes.
        Flux<Mono<DataBuffer>> rewritten = chunks.concatMapIterable(
                        chunk -> stream.feed(DataBufferBytes.drain(chunk)), 1)
                .concatWith(Flux.defer(() -> Flux.fromIterable(stream.finish())))
                .concatMap(rewrite::event, 0)
                .map(event -> Mono.just(bufferFactory().wrap(event)));
        return super.writeAndFlushWith(rewritten);
    }

    private Mono<Void> rewriteJson(Flux<? extends DataBuffer> chunks) {
        return DataBufferUtils.join(chunks, MAX_JSON_BYTES)
                .map(DataBufferBytes::drain)
                .defaultIfEmpty(new byte[0])
                .flatMap(original -> original.length == 0
                        ? super.writeWith(Flux.empty())
                        : rewrite.json(original).flatMap(body -> {
                            getHeaders().setContentLength(body.length);
                            return super.writeWith(Mono.just(bufferFactory().wrap(body)));
                        }))
                .onErrorMap(
                        DataBufferLimitException.class,
                        tooLarge -> new UninspectableResponseException(
                                "The upstream's JSON response exceeds " + MAX_JSON_BYTES + " bytes"));
    }

    /** Why this response cannot be rewritten at all; empty when it can be. */
    private Optional<String> refusal() {
        String encoding = getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            return Optional.of("The upstream sent a '" + encoding + "'-encoded response that the gateway must inspect");
        }
        if (!strict) {
            return Optional.empty();
        }
        List<String> types = getHeaders().getOrEmpty(HttpHeaders.CONTENT_TYPE);
        if (types.size() > 1) {
            return Optional.of("The upstream sent more than one Content-Type");
        }
        if (types.isEmpty()) {
            return Optional.empty();
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(types.get(0));
        } catch (InvalidMediaTypeException e) {
            return Optional.of("The upstream sent an unreadable Content-Type");
        }
        String charset = type.getParameter("charset");
        if (charset != null && !charset.replace("\"", "").trim().equalsIgnoreCase("utf-8")) {
            return Optional.of("The upstream sent a response in a charset other than UTF-8");
        }
        String lower = types.get(0).toLowerCase(Locale.ROOT);
        if (body() == Body.OTHER && (lower.contains("json") || lower.contains("event-stream"))) {
            return Optional.of("The upstream sent a Content-Type the gateway cannot vouch for");
        }
        return Optional.empty();
    }

    private Body body() {
        MediaType type;
        try {
            type = getHeaders().getContentType();
        } catch (InvalidMediaTypeException e) {
            return Body.OTHER;
        }
        if (type == null) {
            return Body.OTHER;
        }
        if (type.getType().equalsIgnoreCase("text") && type.getSubtype().equalsIgnoreCase("event-stream")) {
            return Body.EVENT_STREAM;
        }
        if (type.getType().equalsIgnoreCase("application") && type.getSubtype().equalsIgnoreCase("json")) {
            return Body.JSON;
        }
        return Body.OTHER;
    }

    /**
     * Whether this is a {@code 200}, the one status whose body MCP clients read as messages. A {@code 202 Accepted}
     * carries none (SDK legacy servers send the text {@code Accepted}), error statuses are shown as text.
     */
    private boolean isSuccessWithBody() {
        HttpStatusCode status = getStatusCode();
        return status == null || status.value() == 200;
    }

    /** Passes empty buffers, fails on the first byte: a successful answer that is neither JSON nor an event stream. */
    private Mono<Void> refuseAnyBytes(Flux<? extends DataBuffer> chunks) {
        return super.writeWith(chunks.handle((chunk, sink) -> {
            if (chunk.readableByteCount() == 0) {
                DataBufferUtils.release(chunk);
                return;
            }
            DataBufferUtils.release(chunk);
            sink.error(new UninspectableResponseException(
                    "The upstream answered with a body that is neither JSON nor an event stream"));
        }));
    }

    /**
     * Fails at once, before anything is written, without waiting for the body (a stream may never end); the
     * routing filter then closes the upstream connection, which releases whatever it had received.
     */
    private static Mono<Void> refuse(String reason) {
        return Mono.error(new UninspectableResponseException(reason));
    }
}
