package dev.mcpgateway.load.streams;

import dev.mcpgateway.load.Args;
import dev.mcpgateway.load.ToolOutput;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;

/**
 * Opens many concurrent MCP {@code GET} streams (idle SSE) and holds them, for measuring what an open stream costs
 * the gateway. It runs in its own process because every stream costs the gateway two file descriptors and one
 * process may hold only so many. Each stream is a connection of its own (no pool), with a bearer token from the
 * given list, and counts as open once its first event (the upstream's priming event) has arrived; at most
 * {@code parallel} streams are being opened at any moment, so the gateway's accept queue never overflows.
 */
public final class StreamHolder implements AutoCloseable {

    private final HttpClient client;
    private final LoopResources loops;
    private final Disposable.Composite streams = Disposables.composite();
    private final StreamTally tally = new StreamTally();
    private final Queue<OneStream> pending = new ConcurrentLinkedQueue<>();

    public StreamHolder() {
        this.loops = LoopResources.create("stream-holder", 2, true);
        // No response timeout: Reactor Netty applies it between reads for the whole body, which would cut idle streams.
        this.client = HttpClient.newConnection().runOn(loops).compress(false);
    }

    /**
     * {@code streams --url=http://127.0.0.1:8080/bench/mcp --token-file=F --count=9000 [--parallel=200]
     * [--open-timeout-seconds=120] [--hold-seconds=600] [--report-seconds=5]}. Prints {@code OPENED <summary>} once
     * every stream has opened or failed, then {@code HOLD <summary>} every report period, and exits after the hold.
     */
    public static void main(Args args) throws IOException, InterruptedException {
        List<String> tokens = Files.readAllLines(args.path("token-file", "tokens.txt")).stream()
                .filter(line -> !line.isBlank())
                .toList();
        int holdSeconds = args.integer("hold-seconds", 600);
        int reportSeconds = args.integer("report-seconds", 5);
        try (StreamHolder holder = new StreamHolder()) {
            StreamTally tally = holder.open(
                            URI.create(args.required("url")),
                            tokens,
                            args.integer("count", 9000),
                            args.integer("parallel", 200),
                            Duration.ofSeconds(args.integer("open-timeout-seconds", 120)))
                    .toFuture()
                    .join();
            ToolOutput.line("OPENED " + tally.summary());
            for (int waited = 0; waited < holdSeconds; waited += reportSeconds) {
                Thread.sleep(reportSeconds * 1000L);
                ToolOutput.line("HOLD " + tally.summary());
            }
        }
    }

    /**
     * Opens {@code count} streams to {@code url}; the tally is emitted once each has opened or failed, or when
     * {@code timeout} has passed since the first: then streams still opening count as failed ({@code not open at the
     * deadline}) and those never tried as {@code not tried before the deadline}. The open streams stay open.
     */
    public Mono<StreamTally> open(URI url, List<String> tokens, int count, int parallel, Duration timeout) {
        AtomicInteger tried = new AtomicInteger();
        return Flux.range(0, count)
                .flatMap(
                        index -> {
                            tried.incrementAndGet();
                            return openOne(url, tokens.get(index % tokens.size()), timeout);
                        },
                        parallel)
                .then()
                .timeout(timeout)
                .onErrorResume(TimeoutException.class, deadline -> {
                    pending.forEach(state -> state.ended("not open at the deadline"));
                    for (int i = tried.get(); i < count; i++) {
                        tally.failed("not tried before the deadline");
                    }
                    return Mono.empty();
                })
                .thenReturn(tally);
    }

    public StreamTally tally() {
        return tally;
    }

    /**
     * Closes every stream, then stops the event loops once the closes have gone out (stopping them first would drop
     * the closes, and the gateway would keep the streams open).
     */
    @Override
    public void close() {
        streams.dispose();
        // A busy machine may take longer than the timeout to stop the loops; they are daemon threads, so it is not an
        // error.
        loops.disposeLater(Duration.ofMillis(500), Duration.ofSeconds(15))
                .onErrorResume(IllegalStateException.class, slow -> Mono.empty())
                .toFuture()
                .join();
    }

    /** Completes when the stream has opened or failed; the stream itself goes on. */
    private Mono<Void> openOne(URI url, String token, Duration timeout) {
        OneStream state = new OneStream();
        pending.add(state);
        Disposable stream = client.headers(headers -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
                        .set(HttpHeaderNames.ACCEPT, "text/event-stream")
                        .set("MCP-Protocol-Version", "2025-11-25"))
                .get()
                .uri(url)
                .response((response, body) -> {
                    if (response.status().code() != 200) {
                        return body.then(
                                Mono.error(new StatusException(response.status().code())));
                    }
                    return body.asString(StandardCharsets.UTF_8).doOnNext(chunk -> state.primed());
                })
                .subscribe(
                        chunk -> {},
                        error -> state.ended(reason(error)),
                        () -> state.ended("closed before the first event"));
        state.stream = stream;
        streams.add(stream);
        return state.outcome
                .asMono()
                .timeout(timeout)
                .onErrorResume(TimeoutException.class, error -> {
                    state.ended("timeout");
                    return Mono.empty();
                })
                .then();
    }

    /** One stream's way from opening to its end; the first event, or the first failure, decides how it counts. */
    private final class OneStream {

        private final Sinks.One<Boolean> outcome = Sinks.one();
        private final AtomicBoolean opened = new AtomicBoolean();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile Disposable stream;

        void primed() {
            if (!finished.get() && opened.compareAndSet(false, true)) {
                tally.opened();
                pending.remove(this);
                outcome.tryEmitValue(Boolean.TRUE);
            }
        }

        void ended(String reason) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (opened.get()) {
                tally.ended();
                return;
            }
            pending.remove(this);
            tally.failed(reason);
            outcome.tryEmitValue(Boolean.FALSE);
            Disposable held = stream;
            if (held != null) {
                held.dispose();
            }
        }
    }

    private static String reason(Throwable error) {
        if (error instanceof StatusException status) {
            return "HTTP " + status.status;
        }
        return error.getClass().getSimpleName();
    }

    /** A refused stream: the status says why. */
    private static final class StatusException extends RuntimeException {

        private final int status;

        StatusException(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }
    }
}
