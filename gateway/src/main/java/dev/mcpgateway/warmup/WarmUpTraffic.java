package dev.mcpgateway.warmup;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The warm-up's requests: {@code connections} loops, each sending its next request as soon as the last one is
 * answered, to the gateway's own port on {@code 127.0.0.1}, until {@code duration} has passed or {@code maxRequests}
 * were sent. What real MCP traffic does, in proportion: mostly {@code tools/call} with a cached token, and among them a
 * new token (signature verification), {@code tools/list} (list filtering), a call answered with an event stream, a
 * notification ({@code 202}), a call the token's scopes do not allow ({@code 403} with a step-up challenge), and a few
 * requests without a token ({@code 401}; a few only, so the warm-up never empties the per-address limit on requests
 * that do not authenticate).
 */
final class WarmUpTraffic {

    /** Tokens reused, as clients reuse theirs. */
    private static final int CACHED_TOKENS = 8;

    /** Requests without an answer (connection refused, reset) after which the warm-up gives up early. */
    private static final int MAX_FAILURES = 100;

    private final HttpClient client;
    private final ConnectionProvider connections;
    private final String path;
    private final List<String> cachedTokens;
    private final List<String> newTokens;
    private final long unauthenticatedAllowance;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong unauthenticatedSent = new AtomicLong();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param newTokens               how many distinct tokens to mint for the new-token share (each verified once)
     * @param unauthenticatedAllowance at most this many requests without a token
     */
    WarmUpTraffic(
            int port,
            int connectionCount,
            WarmUpPeer peer,
            WarmUpRoute route,
            int newTokens,
            long unauthenticatedAllowance) {
        this.connections = ConnectionProvider.builder("mcp-gateway-warm-up")
                .maxConnections(connectionCount)
                .pendingAcquireMaxCount(-1)
                .build();
        this.client = HttpClient.create(connections)
                .baseUrl("http://127.0.0.1:" + port)
                .headers(headers -> headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(HttpHeaderNames.ACCEPT, "application/json, text/event-stream")
                        .set("MCP-Protocol-Version", "2025-11-25"));
        this.path = route.path();
        this.cachedTokens = IntStream.range(0, CACHED_TOKENS)
                .mapToObj(i -> peer.token(route.resource(), "warm-up-" + i, WarmUpRoute.SCOPE))
                .toList();
        this.newTokens = IntStream.range(0, newTokens)
                .mapToObj(i -> peer.token(route.resource(), "warm-up-new-" + i, WarmUpRoute.SCOPE))
                .toList();
        this.unauthenticatedAllowance = unauthenticatedAllowance;
    }

    /**
     * Runs the loops; completes when the time is up or {@code maxRequests} were sent. A request that gets no answer
     * (connection refused, reset) counts as status {@code -1} and the loop goes on, up to {@value #MAX_FAILURES} of
     * them: then the gateway is not answering its own port, and warming it up is pointless.
     */
    Mono<Void> run(int loops, Duration duration, long maxRequests) {
        return Flux.range(0, loops)
                .flatMap(loop -> Mono.defer(this::next).repeat(), loops)
                .take(maxRequests)
                .take(duration)
                .doOnNext(status ->
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment())
                .takeUntil(status -> status == -1 && failures.incrementAndGet() >= MAX_FAILURES)
                .then();
    }

    /** Answers by HTTP status ({@code -1}: no answer), in status order. */
    Map<Integer, Long> statuses() {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    /** Whether the loops stopped early because {@value #MAX_FAILURES} requests got no answer. */
    boolean gaveUp() {
        return failures.get() >= MAX_FAILURES;
    }

    /** Requests answered or failed so far. */
    long sent() {
        return statuses.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void close() {
        connections.disposeLater().subscribe();
    }

    private Mono<Integer> next() {
        long n = sequence.getAndIncrement();
        String token = cachedTokens.get((int) (n % CACHED_TOKENS));
        byte[] body = WarmUpMessages.toolCall(n, "echo");
        if (n % 16 == 5 && !newTokens.isEmpty()) {
            token = newTokens.get((int) ((n / 16) % newTokens.size()));
        } else if (n % 16 == 1) {
            body = WarmUpMessages.toolsList(n);
        } else if (n % 8 == 2) {
            body = WarmUpMessages.toolCall(n, WarmUpPeer.STREAMED_TOOL);
        } else if (n % 32 == 3) {
            body = WarmUpMessages.notification();
        } else if (n % 64 == 4) {
            body = WarmUpMessages.toolCall(n, "unlisted");
        } else if (n % 64 == 6 && unauthenticatedSent.incrementAndGet() <= unauthenticatedAllowance) {
            token = null;
        }
        return send(token, body);
    }

    private Mono<Integer> send(@Nullable String token, byte[] body) {
        return client.headers(headers -> {
                    if (token != null) {
                        headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
                    }
                })
                .post()
                .uri(path)
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .responseSingle((response, content) ->
                        content.asByteArray().then(Mono.just(response.status().code())))
                .onErrorResume(failure -> Mono.just(-1));
    }
}
