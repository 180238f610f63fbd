package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.mcp.SseFraming.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFramingTest {

    @Test
    void theStartOfAStreamIsBetweenEvents() {
        assertThat(new SseFraming().betweenEvents()).isTrue();
    }

    @Test
    void anEmptyLineEndsAnEventWithEveryLineTerminator() {
        assertThat(after("id: 1\ndata: a\n\n")).isTrue();
        assertThat(after("id: 1\r\ndata: a\r\n\r\n")).isTrue();
        assertThat(after("id: 1\rdata: a\r\r")).isTrue();
        assertThat(after("data: a\n\n\n")).isTrue();
    }

    @Test
    void insideAnEventIsNotBetweenEvents() {
        assertThat(after("id: 1\ndata: a")).isFalse();
        assertThat(after("id: 1\ndata: a\n")).isFalse();
        assertThat(after(": a comment line\n"))
                .as("a comment line does not end the event")
                .isFalse();
        assertThat(after("id: 1\r\ndata: a\r\n"))
                .as("CRLF counts as one line end")
                .isFalse();
    }

    @Test
    void aCarriageReturnLineFeedSplitAcrossChunksCountsOnce() {
        SseFraming framing = new SseFraming();
        feed(framing, "data: a\r");
        feed(framing, "\n");
        assertThat(framing.betweenEvents()).isFalse();
        feed(framing, "\r\n");
        assertThat(framing.betweenEvents()).isTrue();
    }

    @Test
    void everyByteIsClassified() {
        assertThat(steps("a\r\n\n"))
                .containsExactly(Step.CONTENT, Step.LINE_END, Step.LINE_FEED_AFTER_CARRIAGE_RETURN, Step.EVENT_END);
        assertThat(steps("\r\r\n"))
                .containsExactly(Step.EVENT_END, Step.EVENT_END, Step.LINE_FEED_AFTER_CARRIAGE_RETURN);
    }

    @Test
    void aLeadingByteOrderMarkIsNoPartOfTheFirstLine() {
        assertThat(steps("\uFEFF\n")).containsExactly(Step.CONTENT, Step.CONTENT, Step.BYTE_ORDER_MARK, Step.EVENT_END);
        assertThat(after("\uFEFF")).as("only the mark so far").isTrue();
    }

    @Test
    void aByteOrderMarkLaterInTheStreamIsContent() {
        assertThat(steps("\n\uFEFF\n"))
                .containsExactly(Step.EVENT_END, Step.CONTENT, Step.CONTENT, Step.CONTENT, Step.LINE_END);
    }

    @Test
    void anIncompleteByteOrderMarkIsContent() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, 'x', '\n'};
        SseFraming framing = new SseFraming();
        List<Step> steps = new ArrayList<>();
        for (byte b : bytes) {
            steps.add(framing.next(b));
        }
        assertThat(steps).containsExactly(Step.CONTENT, Step.CONTENT, Step.CONTENT, Step.LINE_END);
        assertThat(framing.betweenEvents()).isFalse();
    }

    private static List<Step> steps(String text) {
        SseFraming framing = new SseFraming();
        List<Step> steps = new ArrayList<>();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            steps.add(framing.next(b));
        }
        return steps;
    }

    private static boolean after(String text) {
        SseFraming framing = new SseFraming();
        feed(framing, text);
        return framing.betweenEvents();
    }

    private static void feed(SseFraming framing, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            framing.next(b);
        }
    }
}
