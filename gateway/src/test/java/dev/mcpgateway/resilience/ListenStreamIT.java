package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;

/**
 * An MCP 2026-07-28 {@code subscriptions/listen} POST is a stream for every purpose, like a legacy GET stream: it
 * takes a permit of the streams bulkhead (never of the calls), outlives the first-byte timeout, gets keep-alive
 * comments and {@code X-Accel-Buffering: no}, is closed cleanly when its token expires, and a client that closes it
 * cancels the upstream request at once.
 */
class ListenStreamIT extends ResilienceIntegrationTest {

    private static final String BULKHEAD = "/bulkhead/mcp";
    private static final String UPSTREAM_PATH = "/calls";

    @AfterEach
    void releaseHeldCalls() {
        PEERS.upstream.releaseHeld();
    }

    @Test
    void listenTakesAStreamPermitNeverACallPermitAndClosingItCancelsTheUpstreamRequest() {
        int cancelledBefore = PEERS.upstream.cancelledStreams(UPSTREAM_PATH);
        Listen first = listen(BULKHEAD, PEERS.token(BULKHEAD), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !first.events.isEmpty());
        assertThat(PEERS.upstream.openStreams(UPSTREAM_PATH)).isEqualTo(1);

        for (int i = 0; i < 2; i++) {
            post(
                            BULKHEAD,
                            "{\"jsonrpc\":\"2.0\",\"id\":" + (50 + i)
                                    + ",\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}")
                    .subscribe();
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(PEERS.upstream.held())
                        .as("both call permits are free while the listen stream is open")
                        .isEqualTo(2));
        client().post()
                .uri(BULKHEAD)
                .headers(h -> h.setBearerAuth(PEERS.token(BULKHEAD)))
                .headers(h -> modernHeaders(h, "subscriptions/listen"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(listenBody(2))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.error.data.reason")
                .isEqualTo("too_many_streams")
                .jsonPath("$.error.code")
                .isEqualTo(-31000);
        PEERS.upstream.releaseHeld();

        first.subscription.dispose();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(PEERS.upstream.cancelledStreams(UPSTREAM_PATH))
                        .as("the upstream listen request was cancelled")
                        .isGreaterThan(cancelledBefore));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(PEERS.upstream.openStreams(UPSTREAM_PATH)).isZero());
        Listen again = listen(BULKHEAD, PEERS.token(BULKHEAD), 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> !again.events.isEmpty());
        again.subscription.dispose();
    }

    @Test
    void listenOutlivesTheFirstByteTimeoutWithKeepAlivesAndUnbuffered() {
        String path = "/listen/mcp";
        AtomicReference<HttpHeaders> headers = new AtomicReference<>();
        List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
        Instant opened = Instant.now();
        Disposable subscription = webClient()
                .post()
                .uri(path)
                .headers(h -> h.setBearerAuth(PEERS.token(path)))
                .headers(h -> modernHeaders(h, "subscriptions/listen"))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON)
                .bodyValue(listenBody(4))
                .exchangeToFlux(response -> {
                    headers.set(response.headers().asHttpHeaders());
                    return response.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {});
                })
                .subscribe(events::add, error -> {});
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            events.stream().filter(e -> e.comment() != null).count() >= 3);
            assertThat(Duration.between(opened, Instant.now()))
                    .as("alive beyond the route's 500 ms first-byte timeout")
                    .isGreaterThan(Duration.ofMillis(500));
            assertThat(events.get(0).data()).contains("notifications/subscriptions/acknowledged");
            assertThat(headers.get().getFirst("X-Accel-Buffering")).isEqualTo("no");
            assertThat(headers.get().getContentType()).isNotNull();
            assertThat(MediaType.TEXT_EVENT_STREAM.isCompatibleWith(
                            headers.get().getContentType()))
                    .isTrue();
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void listenOpenedWithAShortLivedTokenIsClosedCleanlyAtExpiry() {
        String path = "/expiring/mcp";
        int cancelledBefore = PEERS.upstream.cancelledStreams("/endless");
        String token = PEERS.authorizationServer.token(
                PEERS.baseUrl() + path,
                "mcp:access",
                claims -> claims.expirationTime(Date.from(Instant.now().plusSeconds(3))));
        Listen expiring = listen(path, token, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> expiring.end.get() != null);
        assertThat(expiring.end.get()).as("a clean end, not an error").isEqualTo(SignalType.ON_COMPLETE);
        assertThat(expiring.events).as("events flowed until expiry").hasSizeGreaterThan(3);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(PEERS.upstream.cancelledStreams("/endless"))
                        .as("the upstream stream was released")
                        .isGreaterThan(cancelledBefore));
    }

    private static Listen listen(String path, String token, int id) {
        Listen listen = new Listen();
        listen.subscription = webClient()
                .post()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .headers(h -> modernHeaders(h, "subscriptions/listen"))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON)
                .bodyValue(listenBody(id))
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .filter(event -> event.data() != null)
                .doFinally(signal -> listen.end.compareAndSet(null, signal))
                .subscribe(listen.events::add, error -> {});
        return listen;
    }

    static void modernHeaders(HttpHeaders headers, String method) {
        headers.set("MCP-Protocol-Version", "2026-07-28");
        headers.set("Mcp-Method", method);
    }

    static String listenBody(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"subscriptions/listen\",\"params\":{"
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}},"
                + "\"notifications\":{\"toolsListChanged\":true}}}";
    }

    private static Flux<HttpStatus> post(String path, String body) {
        return webClient()
                .post()
                .uri(path)
                .headers(h -> h.setBearerAuth(PEERS.token(path)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToFlux(response -> response.releaseBody().thenMany(Flux.just(HttpStatus.OK)));
    }

    private static final class Listen {
        final List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
        final AtomicReference<SignalType> end = new AtomicReference<>();
        Disposable subscription;
    }
}
