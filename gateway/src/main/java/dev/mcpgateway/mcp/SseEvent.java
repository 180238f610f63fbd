package dev.mcpgateway.mcp;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One server-sent event as {@link SseEventStream} read it: its original bytes and what a client makes of them.
 *
 * @param raw      the event's bytes as received, terminator included (and a leading byte order mark, for the
 *                 first event of a stream that has one)
 * @param type     the event type a client dispatches: the {@code event} field, or {@value #MESSAGE} when it is
 *                 absent or empty
 * @param data     the {@code data} lines joined with LF; {@code null} when there were none, and then a client
 *                 dispatches nothing
 * @param complete whether a blank line ended it (an unterminated last event is not dispatched by clients)
 * @param id       the value of its {@code id} field (which sets the stream's last event id), or {@code null}
 * @param retry    the value of a valid {@code retry} field (ASCII digits), or {@code null}
 * @param comment  whether it had a comment line
 */
public record SseEvent(
        byte[] raw,
        String type,
        @Nullable String data,
        boolean complete,
        @Nullable String id,
        @Nullable String retry,
        boolean comment) {

    public static final String MESSAGE = "message";

    /** Whether a client dispatches this event as a message, the only kind MCP clients read JSON-RPC from. */
    public boolean isMessage() {
        return data != null && MESSAGE.equals(type);
    }

    /**
     * This event with {@code newData} (one line, no line breaks) in place of its data lines; every other line
     * ({@code event}, {@code id}, {@code retry}, comments) stays, the byte order mark and line ends become LF.
     */
    public byte[] withData(String newData) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        StringBuilder out = new StringBuilder();
        boolean written = false;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            boolean dataLine = line.equals("data") || line.startsWith("data:");
            if (!dataLine) {
                out.append(line).append('\n');
            } else if (!written) {
                out.append("data: ").append(newData).append('\n');
                written = true;
            }
        }
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
