package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.RawHttp;
import dev.mcpgateway.support.ScriptedUpstream.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import reactor.util.function.Tuple2;

/**
 * Established streams are never cut by a timeout: the route {@code long-stream} has a 500 ms connect and a 1 s
 * first-byte timeout, and its upstream sends four events with two idle gaps of {@link ResiliencePeers#GAP}, more
 * than three times every timeout in all. Keep-alive comments (every 400 ms of silence) fill the gaps.
 */
class LongStreamIT extends ResilienceIntegrationTest {

    private static final String PATH = "/long-stream/mcp";

    @Test
    void streamLongerThanEveryTimeoutArrivesWholeWithKeepAliveCommentsInItsIdleGaps() {
        long started = System.nanoTime();
        List<Tuple2<Long, String>> chunks = webClient()
                .get()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(PEERS.token(PATH)))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(DataBuffer.class)
                .map(LongStreamIT::text)
                .elapsed()
                .collectList()
                .block(Duration.ofSeconds(20));
        Duration lasted = Duration.ofNanos(System.nanoTime() - started);
        String received = chunks.stream().map(Tuple2::getT2).collect(Collectors.joining());

        assertThat(lasted).as("three times the longest configured timeout").isGreaterThan(Duration.ofSeconds(3));
        assertThat(received.replace(SseKeepAlive.COMMENT, ""))
                .as("every event, its id and its data arrive unchanged and in order")
                .isEqualTo(String.join("", ResiliencePeers.GAPPY_STREAM));
        String[] events = ResiliencePeers.GAPPY_STREAM;
        assertThat(between(received, events[0], events[1]))
                .as("keep-alives in the first idle gap")
                .contains(SseKeepAlive.COMMENT);
        assertThat(between(received, events[2], events[3]))
                .as("keep-alives in the second idle gap")
                .contains(SseKeepAlive.COMMENT);
        assertThat(between(received, events[1], events[2]))
                .as("no keep-alive between events sent back to back")
                .isEmpty();
    }

    /**
     * An upstream may frame a finite event stream with a {@code Content-Length}; the keep-alive comments the gateway
     * adds make the stream longer than that, so the client must never get the upstream's length with them: a client
     * reading that many bytes would lose the end of the stream and read the rest as the start of its next answer.
     */
    @Test
    void streamTheUpstreamFramedWithAContentLengthArrivesWholeWithItsKeepAlives() {
        String[] events = ResiliencePeers.GAPPY_STREAM;
        String stream = events[0] + events[1];
        PEERS.upstream.script(request -> request.path().equals("/gappy")
                ? Answer.sse(events[0])
                        .withHeader("Content-Length", String.valueOf(stream.length()))
                        .then(ResiliencePeers.GAP, events[1])
                : null);
        RawHttp.Answer answer;
        try (RawHttp http = RawHttp.connect(PEERS.gatewayPort, Duration.ofSeconds(20))) {
            answer = http.send("GET " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                            + PEERS.token(PATH) + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n")
                    .readAnswer();
        }
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().replace(SseKeepAlive.COMMENT, ""))
                .as("every event arrives whole, within the framing the client was given")
                .isEqualTo(stream);
        assertThat(between(answer.body(), events[0], events[1]))
                .as("relayed as a stream, keep-alives in its idle gap")
                .contains(SseKeepAlive.COMMENT);
    }

    private static String between(String text, String first, String second) {
        int start = text.indexOf(first) + first.length();
        return text.substring(start, text.indexOf(second, start));
    }

    private static String text(DataBuffer buffer) {
        String text = buffer.toString(StandardCharsets.UTF_8);
        DataBufferUtils.release(buffer);
        return text;
    }
}
