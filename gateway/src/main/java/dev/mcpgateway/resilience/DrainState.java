package dev.mcpgateway.resilience;

import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Where a graceful shutdown stands: whether new MCP requests are still admitted, how many calls and streams are in
 * flight, and the signal that ends open GET streams.
 */
public final class DrainState {

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();
    private final Sinks.One<Boolean> streamsClosing = Sinks.one();
    private volatile boolean draining;

    public boolean isDraining() {
        return draining;
    }

    void beginDraining() {
        draining = true;
    }

    /** Ends every open GET stream, cleanly, and any opened later at once. */
    void closeStreams() {
        streamsClosing.tryEmitValue(Boolean.TRUE);
    }

    /** Emits when open GET streams are to end; replayed to streams that start afterwards. */
    public Mono<Boolean> streamsClosing() {
        return streamsClosing.asMono();
    }

    void opened(RequestKind kind) {
        counter(kind).incrementAndGet();
    }

    void closed(RequestKind kind) {
        counter(kind).decrementAndGet();
    }

    public int inFlight(RequestKind kind) {
        return counter(kind).get();
    }

    private AtomicInteger counter(RequestKind kind) {
        return kind == RequestKind.STREAM ? streams : calls;
    }
}
