package dev.mcpgateway.resilience;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Follows the bytes of a server-sent-event stream (WHATWG HTML §9.2.5 "Parsing an event stream": lines end with
 * CRLF, LF or CR; a blank line ends an event) to tell whether the stream is between two events. Only there can the
 * gateway add a line of its own without changing an event, its data or its id. Not thread-safe: one per stream,
 * fed in write order.
 */
final class SseEventBoundary {

    private enum Position {
        BETWEEN_EVENTS,
        LINE_START,
        IN_LINE
    }

    private Position position = Position.BETWEEN_EVENTS;
    private boolean afterCarriageReturn;

    void observe(DataBuffer buffer) {
        for (int i = buffer.readPosition(); i < buffer.writePosition(); i++) {
            observe(buffer.getByte(i));
        }
    }

    void observe(byte b) {
        if (b == '\n' && afterCarriageReturn) {
            afterCarriageReturn = false;
            return;
        }
        afterCarriageReturn = b == '\r';
        if (b == '\n' || b == '\r') {
            position = position == Position.IN_LINE ? Position.LINE_START : Position.BETWEEN_EVENTS;
        } else {
            position = Position.IN_LINE;
        }
    }

    /** True before the first byte and after a blank line: a new event, or a comment, may start here. */
    boolean betweenEvents() {
        return position == Position.BETWEEN_EVENTS;
    }
}
