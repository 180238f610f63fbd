package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.support.RawHttp;
import dev.mcpgateway.support.ScriptedUpstream.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.SignalType;
import reactor.util.retry.Retry;

/**
 * A GET stream ends, cleanly, when the token that opened it expires, so the client reconnects with a fresh token;
 * the upstream stream is released. A route with {@code close-on-token-expiry: false} keeps the stream open.
 */
class StreamTokenExpiryIT extends ResilienceIntegrationTest {

    @Test
    void streamOpenedWithAShortLivedTokenIsClosedAtExpiry() {
        Stream warmUp = open("/not-expiring/mcp", Instant.now().plusSeconds(60));
        await().atMost(Duration.ofSeconds(20)).until(() -> !warmUp.events.isEmpty());
        int cancelledBefore = PEERS.upstream.cancelledStreams("/endless");
        warmUp.subscription.dispose();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> PEERS.upstream.cancelledStreams("/endless") > cancelledBefore);

        Instant expiry = Instant.now().plusSeconds(3);
        Stream expiring = open("/expiring/mcp", expiry);
        Stream notExpiring = open("/not-expiring/mcp", expiry);
        await().atMost(Duration.ofSeconds(2)).until(() -> !expiring.events.isEmpty() && !notExpiring.events.isEmpty());

        await().atMost(Duration.ofSeconds(10)).until(() -> expiring.end.get() != null);
        Instant ended = Instant.now();
        assertThat(expiring.end.get())
                .as("a clean end of the response, not an error")
                .isEqualTo(SignalType.ON_COMPLETE);
        Instant exp = expiry.truncatedTo(ChronoUnit.SECONDS);
        assertThat(ended)
                .as("closed at exp (whole seconds in the token)")
                .isAfterOrEqualTo(exp.minusMillis(200))
                .isBefore(exp.plusMillis(1500));
        assertThat(expiring.events).as("events flowed until expiry").hasSizeGreaterThan(3);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(PEERS.upstream.cancelledStreams("/endless"))
                        .as("the upstream stream was released")
                        .isGreaterThan(cancelledBefore + 1));

        int seen = notExpiring.events.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> notExpiring.events.size() > seen + 2);
        assertThat(notExpiring.end.get())
                .as("the other route keeps its stream open")
                .isNull();
        notExpiring.subscription.dispose();
    }

    /**
     * A stream request (a GET) the upstream answers with one JSON message instead of an event stream: cut at expiry,
     * it reads as an incomplete message, the connection closing inside the body (RFC 9112 §8: short of its
     * {@code Content-Length}, or without the last chunk), never as a whole message with a body shorter than its
     * length, which would leave the rest to be read as the client's next answer, and never as a clean end of a cut
     * JSON body. Small sized answers, which the gateway writes whole, included: expiry while waiting for the body
     * closes the connection before any head.
     */
    @ParameterizedTest(name = "{0}, {1} bytes before the pause")
    @CsvSource({"Content-Length, 100", "Content-Length, 100000", "chunked, 100000"})
    @ExtendWith(OutputCaptureExtension.class)
    void jsonAnswerToAStreamCutAtExpiryReadsAsIncompleteNeverAsAWholeMessage(
            String framing, int firstBytes, CapturedOutput log) {
        String first = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"" + "x".repeat(firstBytes);
        String rest = "\"}}";
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("Content-Type", "application/json"));
        int length = first.length() + rest.length();
        if (framing.equals("Content-Length")) {
            fields.add(Map.entry("Content-Length", String.valueOf(length)));
        }
        PEERS.upstream.script(request -> request.method().equals("GET")
                ? Answer.raw(200, fields, first.getBytes(StandardCharsets.UTF_8), rest.getBytes(StandardCharsets.UTF_8))
                        .spacedBy(Duration.ofSeconds(30))
                : null);
        int releasedBefore = PEERS.upstream.cancelledStreams("/endless");
        String token = PEERS.authorizationServer.token(
                PEERS.baseUrl() + "/expiring/mcp",
                "mcp:access",
                claims -> claims.expirationTime(Date.from(Instant.now().plusSeconds(2))));

        try (RawHttp http = RawHttp.connect(PEERS.gatewayPort, Duration.ofSeconds(12))) {
            http.send("GET /expiring/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n");
            RawHttp.Received received = http.readUntilClosed();

            assertThat(received.closed())
                    .as("the connection closes inside the body at expiry; head read: %s", received.head())
                    .isTrue();
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(PEERS.upstream.cancelledStreams("/endless"))
                            .as("the upstream answer was released")
                            .isGreaterThan(releasedBefore));
            assertThat(log.getOut() + log.getErr())
                    .as("the deliberate cut is no server error")
                    .doesNotContain("HttpWebHandlerAdapter");
            if (received.head().isEmpty()) {
                return; // closed before any head: nothing was claimed
            }
            assertThat(received.head()).startsWith("HTTP/1.1 200");
            if (framing.equals("Content-Length")) {
                assertThat(received.head()).containsIgnoringCase("content-length: " + length);
                assertThat(received.afterHead().length())
                        .as("fewer bytes than the length claimed, so the client knows the message is incomplete")
                        .isLessThan(length);
            } else {
                assertThat(received.afterHead())
                        .as("no last chunk: the cut body never reads as a whole one")
                        .doesNotEndWith("0\r\n\r\n");
            }
        }
    }

    /**
     * A call (a {@code tools/call} POST) is no stream: its answer, arriving after the token that sent it expired, is
     * delivered whole, never cut at expiry nor closed inside its body.
     */
    @Test
    void aCallsAnswerArrivingAfterItsTokenExpiredIsDeliveredWhole() {
        String first = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"text\":\"" + "x".repeat(100);
        String rest = "\"}}";
        List<Map.Entry<String, String>> fields = List.of(
                Map.entry("Content-Type", "application/json"),
                Map.entry("Content-Length", String.valueOf(first.length() + rest.length())));
        PEERS.upstream.script(request -> request.method().equals("POST")
                ? Answer.raw(200, fields, first.getBytes(StandardCharsets.UTF_8), rest.getBytes(StandardCharsets.UTF_8))
                        .spacedBy(Duration.ofSeconds(3))
                : null);
        String token = PEERS.authorizationServer.token(
                PEERS.baseUrl() + "/expiring/mcp",
                "mcp:access",
                claims -> claims.expirationTime(Date.from(Instant.now().plusSeconds(2))));

        client().post()
                .uri("/expiring/mcp")
                .headers(h -> h.setBearerAuth(token))
                .header(JsonRpcIdFromTestHeader.HEADER, "7")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(toolCall(7))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo(first + rest);
    }

    private static Stream open(String path, Instant expiry) {
        String token = PEERS.authorizationServer.token(
                PEERS.baseUrl() + path, "mcp:access", claims -> claims.expirationTime(Date.from(expiry)));
        Stream stream = new Stream();
        stream.subscription = webClient()
                .get()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                // A pooled connection the server already closed fails the first attempt on a loaded machine;
                // only errors are retried, never the clean end this test waits for.
                .retryWhen(Retry.fixedDelay(3, Duration.ofMillis(200)).doBeforeRetry(retry -> stream.events.clear()))
                .doFinally(signal -> stream.end.compareAndSet(null, signal))
                .subscribe(stream.events::add, error -> {});
        return stream;
    }

    private static final class Stream {
        final List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
        final AtomicReference<SignalType> end = new AtomicReference<>();
        Disposable subscription;
    }
}
