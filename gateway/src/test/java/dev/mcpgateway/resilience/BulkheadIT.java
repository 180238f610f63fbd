package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;

/** The route {@code bulkhead} admits 2 concurrent calls and, separately, 1 open GET stream. */
class BulkheadIT extends ResilienceIntegrationTest {

    private static final String PATH = "/bulkhead/mcp";

    @Test
    void oneCallBeyondTheLimitGetsAFast503WhileTheOthersStillRun() {
        List<HttpStatusCode> statuses = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            post("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}")
                    .subscribe(statuses::add);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(statuses).containsExactly(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(PEERS.upstream.held()).isEqualTo(2);
        });

        PEERS.upstream.releaseHeld();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(statuses)
                        .containsExactlyInAnyOrder(HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.OK, HttpStatus.OK));
        assertThat(post(toolCall(9)).block(Duration.ofSeconds(10)))
                .as("permits came back")
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void streamsBeyondTheirLimitAreRefusedWhileCallsStillPassAndACancelledStreamFreesItsPermit() {
        List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
        Disposable firstStream = webClient()
                .get()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(PEERS.token(PATH)))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .subscribe(events::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());

        client().get()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(PEERS.token(PATH)))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .valueEquals("Retry-After", "1")
                .expectBody()
                .jsonPath("$.error.data.reason")
                .isEqualTo("too_many_streams");
        assertThat(post(toolCall(1)).block(Duration.ofSeconds(10)))
                .as("calls have their own limit")
                .isEqualTo(HttpStatus.OK);

        firstStream.dispose();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(PEERS.upstream.openStreams("/calls")).isZero());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> client().get()
                        .uri(PATH)
                        .headers(h -> h.setBearerAuth(PEERS.token(PATH)))
                        .accept(MediaType.TEXT_EVENT_STREAM)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .returnResult(String.class)
                        .getResponseBody()
                        .take(1)
                        .blockLast());
    }

    private static reactor.core.publisher.Mono<HttpStatusCode> post(String body) {
        return webClient()
                .post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(PEERS.token(PATH)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()));
    }
}
