package dev.mcpgateway.resilience;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Adds {@code : keep-alive} comment lines to a server-sent-event stream after each {@code period} without upstream
 * bytes, so that load balancers and ingresses with idle timeouts keep the connection (agentgateway #248). A comment
 * is ignored by every SSE parser (WHATWG HTML §9.2.6) and is only written between events, so event data and ids are
 * untouched. Upstream chunks pass through one by one, as they arrive, each still flushed on its own: nothing is
 * buffered, and demand still reaches the upstream one chunk at a time.
 */
final class SseKeepAlive {

    static final String COMMENT = ": keep-alive\n\n";
    private static final byte[] COMMENT_BYTES = COMMENT.getBytes(StandardCharsets.US_ASCII);
    private static final Object TICK = new Object();
    private static final Duration FINEST_TICK = Duration.ofMillis(10);

    private SseKeepAlive() {}

    /**
     * @param period    silence after which a comment is written; it is checked every quarter period
     * @param scheduler the clock and timer (a virtual-time scheduler in tests)
     */
    static Flux<DataBuffer> interleave(
            Flux<DataBuffer> chunks, Duration period, DataBufferFactory factory, Scheduler scheduler) {
        return Flux.defer(() -> {
            SseEventBoundary boundary = new SseEventBoundary();
            Sinks.Empty<Void> upstreamDone = Sinks.empty();
            long periodNanos = period.toNanos();
            long[] lastWrite = {scheduler.now(TimeUnit.NANOSECONDS)};
            Flux<Object> upstream = chunks.cast(Object.class).doFinally(signal -> upstreamDone.tryEmitEmpty());
            Flux<Object> ticks = Flux.interval(tick(period), scheduler)
                    .onBackpressureDrop()
                    .map(tick -> TICK)
                    .takeUntilOther(upstreamDone.asMono());
            // merge serializes both sources, so the boundary check and the writes below happen in one order.
            return Flux.merge(1, upstream, ticks)
                    .<DataBuffer>handle((item, sink) -> {
                        long now = scheduler.now(TimeUnit.NANOSECONDS);
                        if (item instanceof DataBuffer chunk) {
                            boundary.observe(chunk);
                            lastWrite[0] = now;
                            sink.next(chunk);
                        } else if (now - lastWrite[0] >= periodNanos && boundary.betweenEvents()) {
                            lastWrite[0] = now;
                            sink.next(factory.wrap(COMMENT_BYTES.clone()));
                        }
                    })
                    .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
        });
    }

    private static Duration tick(Duration period) {
        Duration quarter = period.dividedBy(4);
        return quarter.compareTo(FINEST_TICK) < 0 ? FINEST_TICK : quarter;
    }
}
