package dev.mcpgateway.mcp;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a {@code text/event-stream} into events as its chunks arrive (WHATWG HTML, "Server-sent
 * events", §9.2.5 interpretation: an event ends at a blank line; lines end in CRLF, LF or CR). It
 * works on bytes, so a multi-byte UTF-8 character split across chunks is never damaged, and each
 * event keeps its original bytes, terminator included. One instance per stream; not thread-safe
 * (a stream's chunks arrive in order, one at a time).
 */
public final class SseEventSplitter {

    private final int maxEventBytes;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean atLineStart = true;
    private boolean afterCarriageReturn;
    /** A CR on an empty line ended the event; a following LF still belongs to it. */
    private boolean endAfterOptionalLineFeed;

    /** @param maxEventBytes the largest event held while waiting for its end; a longer one fails the stream */
    public SseEventSplitter(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * The events completed by {@code chunk}, in order; incomplete bytes wait for the next chunk.
     *
     * @throws UncheckedIOException wrapping {@link UninspectableResponseException} when an event grows past the limit
     */
    public List<byte[]> feed(byte[] chunk) {
        List<byte[]> events = new ArrayList<>();
        for (byte b : chunk) {
            if (endAfterOptionalLineFeed) {
                endAfterOptionalLineFeed = false;
                if (b == '\n') {
                    pending.write(b);
                    events.add(take());
                    continue;
                }
                events.add(take());
            }
            pending.write(b);
            if (pending.size() > maxEventBytes) {
                throw new UncheckedIOException(new UninspectableResponseException(
                        "An upstream event exceeds " + maxEventBytes + " bytes"));
            }
            if (b == '\n') {
                if (afterCarriageReturn) {
                    afterCarriageReturn = false;
                } else if (atLineStart) {
                    events.add(take());
                } else {
                    atLineStart = true;
                }
            } else if (b == '\r') {
                if (atLineStart) {
                    endAfterOptionalLineFeed = true;
                } else {
                    atLineStart = true;
                    afterCarriageReturn = true;
                }
            } else {
                atLineStart = false;
                afterCarriageReturn = false;
            }
        }
        return events;
    }

    /** What is left when the stream ends: a last event without its blank line, or nothing. */
    public List<byte[]> finish() {
        endAfterOptionalLineFeed = false;
        return pending.size() == 0 ? List.of() : List.of(take());
    }

    private byte[] take() {
        byte[] event = pending.toByteArray();
        pending.reset();
        atLineStart = true;
        afterCarriageReturn = false;
        return event;
    }
}
