package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
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
