package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import dev.mcpgateway.support.TestPeers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.util.function.Tuple2;

/**
 * Unbuffered streaming: the upstream writes {@value TestPeers#STREAM_EVENTS} events at least
 * 300 ms apart; the client must see them arrive spread over at least 4 × 300 ms, not in one burst. The stream lasts
 * longer than the route's 1 s first-byte timeout.
 */
class StreamingIT extends GatewayIntegrationTest {

    @Test
    void sseEventsArriveOneByOneAsTheUpstreamSendsThem() {
        List<Tuple2<Long, ServerSentEvent<String>>> events = WebClient.create(PEERS.baseUrl())
                .get()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(validToken()))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .elapsed()
                .collectList()
                .block(Duration.ofSeconds(20));

        assertThat(events).hasSize(TestPeers.STREAM_EVENTS);
        assertThat(events).extracting(event -> event.getT2().id()).containsExactly("0", "1", "2", "3", "4");
        long spreadAfterFirst = events.stream().skip(1).mapToLong(Tuple2::getT1).sum();
        assertThat(Duration.ofMillis(spreadAfterFirst))
                .as("arrival times must follow the upstream's 300 ms cadence, not one burst")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void upstreamSlowerThanTheRoutesFirstByteTimeoutGets504() {
        String token = PEERS.authorizationServer.token(PEERS.baseUrl() + "/slow/mcp", "mcp:access");
        long started = System.nanoTime();
        client().post()
                .uri("/slow/mcp")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(org.springframework.http.HttpStatus.GATEWAY_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("the route's 500 ms first-byte timeout, not the upstream's 3 s delay, decides")
                .isLessThan(TestPeers.SLOW_HEADERS);
    }

    @Test
    void streamLongerThanTheFirstByteTimeoutIsNotCut() {
        long started = System.nanoTime();
        List<ServerSentEvent<String>> events = WebClient.create(PEERS.baseUrl())
                .get()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(validToken()))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .collectList()
                .block(Duration.ofSeconds(20));
        Duration lasted = Duration.ofNanos(System.nanoTime() - started);

        assertThat(lasted)
                .as("the stream outlived the route's 1 s first-byte timeout")
                .isGreaterThan(Duration.ofSeconds(1));
        assertThat(events).hasSize(TestPeers.STREAM_EVENTS);
        assertThat(events.get(TestPeers.STREAM_EVENTS - 1).data()).isEqualTo("{\"n\":4}");
    }
}
