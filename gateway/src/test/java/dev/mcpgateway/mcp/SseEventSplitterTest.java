package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events are cut at blank lines whatever the line endings and chunk boundaries, keeping their bytes. */
class SseEventSplitterTest {

    @Test
    void lfEventsAreSplitAndKeepTheirBytes() {
        assertThat(split("id: 1\ndata: a\n\nid: 2\ndata: b\n\n", 1000))
                .containsExactly("id: 1\ndata: a\n\n", "id: 2\ndata: b\n\n");
    }

    @Test
    void crlfAndCrLineEndingsAreHonoured() {
        assertThat(split("data: a\r\n\r\ndata: b\r\rdata: c\n\n", 1000))
                .containsExactly("data: a\r\n\r\n", "data: b\r\r", "data: c\n\n");
    }

    @Test
    void everyChunkBoundaryGivesTheSameEvents() {
        String stream = "event: message\r\ndata: {\"x\":\"é€😀\"}\r\n\r\nid: 9\ndata: two\ndata: lines\n\n: comment\n\n";
        List<String> whole = split(stream, 1000);
        assertThat(whole).hasSize(3);
        for (int size = 1; size < 12; size++) {
            assertThat(split(stream, size)).as("chunks of %d bytes", size).isEqualTo(whole);
        }
    }

    @Test
    void unterminatedTailIsFlushedAtTheEnd() {
        SseEventSplitter splitter = new SseEventSplitter(1 << 20);
        assertThat(splitter.feed(bytes("data: a\n\ndata: tail\n"))).hasSize(1);
        assertThat(splitter.finish()).extracting(SseEventSplitterTest::text).containsExactly("data: tail\n");
        assertThat(splitter.finish()).isEmpty();
    }

    @Test
    void crAtTheEndOfAChunkWaitsForAPossibleLf() {
        SseEventSplitter splitter = new SseEventSplitter(1 << 20);
        assertThat(splitter.feed(bytes("data: a\r\n\r"))).isEmpty();
        assertThat(splitter.feed(bytes("\ndata: b\n\n"))).extracting(SseEventSplitterTest::text)
                .containsExactly("data: a\r\n\r\n", "data: b\n\n");
    }

    private static List<String> split(String stream, int chunkSize) {
        byte[] all = bytes(stream);
        SseEventSplitter splitter = new SseEventSplitter(1 << 20);
        List<String> events = new ArrayList<>();
        for (int start = 0; start < all.length; start += chunkSize) {
            splitter.feed(Arrays.copyOfRange(all, start, Math.min(all.length, start + chunkSize))).forEach(e -> events.add(text(e)));
        }
        splitter.finish().forEach(e -> events.add(text(e)));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        events.forEach(e -> joined.writeBytes(bytes(e)));
        assertThat(joined.toByteArray()).as("no byte lost or added").isEqualTo(all);
        return events;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
