package dev.mcpgateway.mcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one server-sent event (WHATWG HTML §9.2.6): its type and its data, and a copy with
 * new data that keeps every other line ({@code id:}, {@code retry:}, comments) as it was.
 *
 * @param type  the {@code event:} field, {@code message} when absent
 * @param data  the {@code data:} lines joined with LF; {@code null} when the event has none
 * @param lines the event's lines without terminators
 */
public record SseEvent(String type, String data, List<String> lines) {

    public static SseEvent parse(byte[] event) {
        String[] lines = new String(event, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1);
        String type = "message";
        StringBuilder data = null;
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            kept.add(line);
            String field = line.contains(":") ? line.substring(0, line.indexOf(':')) : line;
            String value = line.contains(":") ? line.substring(line.indexOf(':') + 1) : "";
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                type = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return new SseEvent(type, data == null ? null : data.toString(), List.copyOf(kept));
    }

    /** This event with {@code newData} (one line, no line breaks) in place of its data lines, LF-terminated. */
    public byte[] withData(String newData) {
        StringBuilder out = new StringBuilder();
        boolean written = false;
        for (String line : lines) {
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
