package dev.mcpgateway.mcp;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code text/event-stream} exactly the way a client does (WHATWG HTML §9.2.6, "Interpreting an event
 * stream"), chunk by chunk as it arrives, and hands out each event with its original bytes and the fields a client
 * would see: one leading byte order mark is ignored; lines end in CRLF, LF or CR; a line starting with a colon is a
 * comment; a field name is everything before the first colon, its value what follows, less one leading space;
 * {@code event} sets the type (empty means {@code message}); {@code data} lines join with LF; a blank line ends the
 * event. Lines are decoded as UTF-8 with replacement characters, as clients decode them, so bytes that are not
 * UTF-8 cannot hide a field. Concatenating the raw bytes of every event handed out gives back the stream exactly.
 *
 * <p>One instance per stream; not thread-safe (a stream's chunks arrive in order, one at a time).
 */
public final class SseEventStream {

    private final int maxEventBytes;
    private final SseFraming framing = new SseFraming();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    /** An empty line ended by CR ended the event; a following LF still belongs to it. */
    private boolean dispatchAfterOptionalLineFeed;

    private String type = "";
    private StringBuilder data = new StringBuilder();
    private @Nullable String id;
    private @Nullable String retry;
    private boolean comment;

    /** @param maxEventBytes the largest event held while waiting for its end; a longer one fails the stream */
    public SseEventStream(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * The events completed by {@code chunk}, in order; an incomplete event waits for the next chunk.
     *
     * @throws UncheckedIOException wrapping {@link UninspectableResponseException} when an event grows past the limit
     */
    public List<SseEvent> feed(byte[] chunk) {
        List<SseEvent> events = new ArrayList<>();
        for (byte b : chunk) {
            accept(b, events);
        }
        return events;
    }

    /**
     * What is left when the stream ends: a last event without its blank line, or nothing. Clients discard such an
     * event (WHATWG: "If the file ends in the middle of an event … the incomplete event is not dispatched"); its
     * fields are still reported, so a caller that must not pass on what it cannot vouch for can treat it like any.
     */
    public List<SseEvent> finish() {
        List<SseEvent> events = new ArrayList<>();
        if (dispatchAfterOptionalLineFeed) {
            dispatchAfterOptionalLineFeed = false;
            events.add(dispatch(true));
        }
        if (raw.size() > 0) {
            if (line.size() > 0) {
                processLine();
            }
            events.add(dispatch(false));
        }
        return events;
    }

    private void accept(byte b, List<SseEvent> events) {
        SseFraming.Step step = framing.next(b);
        if (dispatchAfterOptionalLineFeed) {
            dispatchAfterOptionalLineFeed = false;
            if (step == SseFraming.Step.LINE_FEED_AFTER_CARRIAGE_RETURN) {
                raw.write(b);
                events.add(dispatch(true));
                return;
            }
            events.add(dispatch(true));
        }
        raw.write(b);
        if (raw.size() > maxEventBytes) {
            throw new UncheckedIOException(
                    new UninspectableResponseException("An upstream event exceeds " + maxEventBytes + " bytes"));
        }
        switch (step) {
            case CONTENT -> line.write(b);
            case BYTE_ORDER_MARK -> line.reset();
            case LINE_END -> processLine();
            case EVENT_END -> {
                if (b == '\r') {
                    dispatchAfterOptionalLineFeed = true;
                } else {
                    events.add(dispatch(true));
                }
            }
            case LINE_FEED_AFTER_CARRIAGE_RETURN -> {
                // the line ended at the CR
            }
        }
    }

    private void processLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.startsWith(":")) {
            comment = true;
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> type = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> id = value.indexOf('\0') < 0 ? value : id;
            case "retry" -> retry = !value.isEmpty() && value.chars().allMatch(Character::isDigit) ? value : retry;
            default -> {
                // WHATWG: any other field is ignored
            }
        }
    }

    private SseEvent dispatch(boolean complete) {
        byte[] bytes = raw.toByteArray();
        raw.reset();
        String eventData = data.length() == 0 ? null : data.substring(0, data.length() - 1);
        SseEvent event =
                new SseEvent(bytes, type.isEmpty() ? SseEvent.MESSAGE : type, eventData, complete, id, retry, comment);
        type = "";
        data = new StringBuilder();
        id = null;
        retry = null;
        comment = false;
        return event;
    }
}
