package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseEventBoundaryTest {

    @Test
    void theStartOfAStreamIsBetweenEvents() {
        assertThat(new SseEventBoundary().betweenEvents()).isTrue();
    }

    @Test
    void aBlankLineEndsAnEventWithEveryLineTerminator() {
        assertThat(after("id: 1\ndata: a\n\n")).isTrue();
        assertThat(after("id: 1\r\ndata: a\r\n\r\n")).isTrue();
        assertThat(after("id: 1\rdata: a\r\r")).isTrue();
        assertThat(after("data: a\n\n\n")).isTrue();
    }

    @Test
    void insideAnEventIsNotBetweenEvents() {
        assertThat(after("id: 1\ndata: a")).isFalse();
        assertThat(after("id: 1\ndata: a\n")).isFalse();
        assertThat(after("id: 1\r\ndata: a\r\n"))
                .as("CRLF counts as one line end")
                .isFalse();
    }

    @Test
    void aCarriageReturnLineFeedSplitAcrossChunksCountsOnce() {
        SseEventBoundary boundary = new SseEventBoundary();
        feed(boundary, "data: a\r");
        feed(boundary, "\n");
        assertThat(boundary.betweenEvents()).isFalse();
        feed(boundary, "\r\n");
        assertThat(boundary.betweenEvents()).isTrue();
    }

    private static boolean after(String text) {
        SseEventBoundary boundary = new SseEventBoundary();
        feed(boundary, text);
        return boundary.betweenEvents();
    }

    private static void feed(SseEventBoundary boundary, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            boundary.observe(b);
        }
    }
}
