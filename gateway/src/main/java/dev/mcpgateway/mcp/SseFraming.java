package dev.mcpgateway.mcp;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * The line structure of a {@code text/event-stream} (WHATWG HTML §9.2.5 "Parsing an event stream"), byte by byte and
 * without allocating: one leading byte order mark is not part of the first line; lines end in CRLF, LF or CR (a CRLF
 * split across chunks counts once); an empty line ends an event. The one state machine behind both readers of an
 * event stream: {@link SseEventStream}, which reads events as a client does, and the keep-alive that may add a
 * comment only where the stream is between two events. One per stream, fed in order; not thread-safe.
 */
public final class SseFraming {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** What one byte was. */
    public enum Step {
        /** Part of a line (a byte of a byte order mark that did not complete is one too). */
        CONTENT,
        /** The third byte of a leading byte order mark: the bytes before it are no content after all. */
        BYTE_ORDER_MARK,
        /** CR or LF ending a non-empty line. */
        LINE_END,
        /** CR or LF ending an empty line: the event, if any, is complete. */
        EVENT_END,
        /** The LF of a CRLF: the line or event already ended at the CR. */
        LINE_FEED_AFTER_CARRIAGE_RETURN
    }

    /** Bytes of the stream's start that matched the byte order mark so far; {@code BOM.length} once decided. */
    private int startBytes;

    private boolean afterCarriageReturn;
    private boolean inLine;
    private boolean betweenEvents = true;

    /** Classifies the next byte of the stream. */
    public Step next(byte b) {
        if (startBytes < BOM.length) {
            if (b == BOM[startBytes]) {
                startBytes++;
                if (startBytes == BOM.length) {
                    inLine = false;
                    betweenEvents = true;
                    return Step.BYTE_ORDER_MARK;
                }
                inLine = true;
                betweenEvents = false;
                return Step.CONTENT;
            }
            startBytes = BOM.length;
        }
        if (afterCarriageReturn && b == '\n') {
            afterCarriageReturn = false;
            return Step.LINE_FEED_AFTER_CARRIAGE_RETURN;
        }
        afterCarriageReturn = b == '\r';
        if (b == '\r' || b == '\n') {
            if (inLine) {
                inLine = false;
                return Step.LINE_END;
            }
            betweenEvents = true;
            return Step.EVENT_END;
        }
        inLine = true;
        betweenEvents = false;
        return Step.CONTENT;
    }

    /** Feeds every readable byte of {@code buffer}, leaving its read position as it was. */
    public void observe(DataBuffer buffer) {
        for (int i = buffer.readPosition(); i < buffer.writePosition(); i++) {
            next(buffer.getByte(i));
        }
    }

    /** True at the start and after an empty line: an event, or a comment, may start here without changing another. */
    public boolean betweenEvents() {
        return betweenEvents;
    }
}
