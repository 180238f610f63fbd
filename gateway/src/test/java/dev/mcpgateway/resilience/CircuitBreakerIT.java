package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.support.ScriptedUpstream.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * The route {@code circuit} opens after 3 failures in a window of 3 calls, waits 1 s, then lets one probe through.
 */
class CircuitBreakerIT extends ResilienceIntegrationTest {

    private static final String PATH = "/circuit/mcp";

    @Test
    void consecutiveFailuresOpenTheCircuitAndAProbeAfterTheWaitClosesIt() {
        circuitAnswers(
                Answer.json("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{}}").withStatus(500));
        for (int i = 0; i < 3; i++) {
            call().expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        }
        assertThat(upstreamCalls()).isEqualTo(3);

        call().expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(7)
                .jsonPath("$.error.data.reason")
                .isEqualTo("circuit_open");
        assertThat(upstreamCalls())
                .as("an open circuit answers without touching the upstream")
                .isEqualTo(3);

        circuitAnswers(Answer.json(ResiliencePeers.CALL_RESULT));
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> call().expectStatus().isOk());
        assertThat(upstreamCalls())
                .as("only the probe reached the upstream after the wait")
                .isEqualTo(4);
        call().expectStatus().isOk();
        call().expectStatus().isOk();
        assertThat(upstreamCalls()).as("the probe closed the circuit").isEqualTo(6);
    }

    private static ResponseSpec call() {
        return client().post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(PEERS.token(PATH)))
                .header(JsonRpcIdFromTestHeader.HEADER, "7")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(toolCall(7))
                .exchange();
    }

    private static void circuitAnswers(Answer answer) {
        Answer whole = answer.withContentLength();
        PEERS.upstream.script(request -> request.path().equals("/circuit") ? whole : null);
    }

    private static int upstreamCalls() {
        return PEERS.upstream.requestsTo("/circuit");
    }
}
