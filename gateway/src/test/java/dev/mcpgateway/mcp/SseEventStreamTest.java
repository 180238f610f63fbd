package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Events are read the way WHATWG HTML §9.2.6 says a client reads them, whatever the line endings and chunk
 * boundaries, and keep their bytes.
 */
class SseEventStreamTest {

    @Test
    void lfEventsAreSplitAndKeepTheirBytes() {
        assertThat(raw(read("id: 1\ndata: a\n\nid: 2\ndata: b\n\n", 1000)))
                .containsExactly("id: 1\ndata: a\n\n", "id: 2\ndata: b\n\n");
    }

    @Test
    void crlfAndCrLineEndingsAreHonoured() {
        List<SseEvent> events = read("data: a\r\n\r\ndata: b\r\rdata: c\n\n", 1000);
        assertThat(raw(events)).containsExactly("data: a\r\n\r\n", "data: b\r\r", "data: c\n\n");
        assertThat(events).extracting(SseEvent::data).containsExactly("a", "b", "c");
    }

    @Test
    void everyChunkBoundaryGivesTheSameEvents() {
        String stream =
                "\uFEFFevent: message\r\ndata: {\"x\":\"é€😀\"}\r\n\r\nid: 9\ndata: two\ndata: lines\n\n: comment\n\n";
        List<String> whole = raw(read(stream, 1000));
        assertThat(whole).hasSize(3);
        for (int size = 1; size < 12; size++) {
            List<SseEvent> events = read(stream, size);
            assertThat(raw(events)).as("chunks of %d bytes", size).isEqualTo(whole);
            assertThat(events).extracting(SseEvent::data).containsExactly("{\"x\":\"é€😀\"}", "two\nlines", null);
        }
    }

    @Test
    void fieldsAreReadAsAClientReadsThem() {
        List<SseEvent> events = read(
                "event:\ndata: a\n\nevent: \ndata:b\n\nevent: endpoint\ndata\n\n: only a comment\n\n"
                        + "data: x\nevent: Message\n\n",
                1000);
        assertThat(events)
                .extracting(SseEvent::type)
                .containsExactly("message", "message", "endpoint", "message", "Message");
        assertThat(events).extracting(SseEvent::data).containsExactly("a", "b", "", null, "x");
        assertThat(events).extracting(SseEvent::isMessage).containsExactly(true, true, false, false, false);
    }

    @Test
    void leadingByteOrderMarkIsIgnoredOnlyAtTheStart() {
        List<SseEvent> events = read("\uFEFFdata: a\n\n\uFEFFdata: b\n\n", 1000);
        assertThat(events).extracting(SseEvent::data).containsExactly("a", null);
        assertThat(raw(events).get(0)).startsWith("\uFEFF");
    }

    @Test
    void invalidUtf8IsReadWithReplacementCharacters() {
        byte[] stream = concat(
                "data: {\"a\":\"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFF},
                "\"}\n\n".getBytes(StandardCharsets.UTF_8));
        SseEventStream parser = new SseEventStream(1000);
        assertThat(parser.feed(stream)).extracting(SseEvent::data).containsExactly("{\"a\":\"\uFFFD\"}");
    }

    @Test
    void unterminatedTailIsReportedAtTheEndAsIncomplete() {
        SseEventStream stream = new SseEventStream(1 << 20);
        assertThat(stream.feed(bytes("data: a\n\ndata: tail\n"))).hasSize(1);
        List<SseEvent> tail = stream.finish();
        assertThat(raw(tail)).containsExactly("data: tail\n");
        assertThat(tail.get(0).complete()).isFalse();
        assertThat(tail.get(0).data()).isEqualTo("tail");
        assertThat(stream.finish()).isEmpty();
    }

    @Test
    void crAtTheEndOfAChunkWaitsForAPossibleLf() {
        SseEventStream stream = new SseEventStream(1 << 20);
        assertThat(stream.feed(bytes("data: a\r\n\r"))).isEmpty();
        assertThat(raw(stream.feed(bytes("\ndata: b\n\n")))).containsExactly("data: a\r\n\r\n", "data: b\n\n");
    }

    @Test
    void withDataReplacesTheDataLinesAndKeepsTheOthers() {
        SseEvent event = read("\uFEFFid: 3\r\nevent: message\r\ndata: a\r\ndata: b\r\nretry: 10\r\n\r\n", 1000)
                .get(0);
        assertThat(new String(event.withData("{}"), StandardCharsets.UTF_8))
                .isEqualTo("id: 3\nevent: message\ndata: {}\nretry: 10\n\n");
    }

    private static List<SseEvent> read(String stream, int chunkSize) {
        byte[] all = bytes(stream);
        SseEventStream parser = new SseEventStream(1 << 20);
        List<SseEvent> events = new ArrayList<>();
        for (int start = 0; start < all.length; start += chunkSize) {
            events.addAll(parser.feed(Arrays.copyOfRange(all, start, Math.min(all.length, start + chunkSize))));
        }
        events.addAll(parser.finish());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        events.forEach(e -> joined.writeBytes(e.raw()));
        assertThat(joined.toByteArray()).as("no byte lost or added").isEqualTo(all);
        return events;
    }

    private static List<String> raw(List<SseEvent> events) {
        return events.stream()
                .map(e -> new String(e.raw(), StandardCharsets.UTF_8))
                .toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
