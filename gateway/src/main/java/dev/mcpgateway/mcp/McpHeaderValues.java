package dev.mcpgateway.mcp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads an {@code Mcp-Name} or {@code Mcp-Param-*} value the way MCP 2026-07-28 Streamable HTTP, "Value Encoding",
 * defines it: optional whitespace around the field value is not part of it (RFC 9110 §5.5); a value of the exact
 * form {@code =?base64?…?=} (markers lowercase) is canonical padded Base64 of strict UTF-8; anything else is a
 * literal of visible ASCII and inner spaces. A sentinel that is not canonical ({@code =?base64?SGVsbG8?=}, missing
 * padding) is malformed rather than a literal, and so is a literal with other bytes: the upstream might read either
 * differently from the gateway. {@link java.util.Base64} accepts missing padding, so the alphabet and length are
 * checked first.
 */
final class McpHeaderValues {

    private static final String PREFIX = "=?base64?";
    private static final String SUFFIX = "?=";

    private McpHeaderValues() {}

    /** The decoded value; empty when the value is malformed. */
    static Optional<String> decode(String field) {
        String value = trimWhitespace(field);
        if (value.startsWith(PREFIX) && value.endsWith(SUFFIX) && value.length() >= PREFIX.length() + SUFFIX.length()) {
            String encoded = value.substring(PREFIX.length(), value.length() - SUFFIX.length());
            if (!isCanonicalBase64(encoded)) {
                return Optional.empty();
            }
            try {
                return Optional.of(StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)))
                        .toString());
            } catch (CharacterCodingException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return Optional.empty();
            }
        }
        return Optional.of(value);
    }

    /** RFC 9110 §5.5: leading and trailing SP and HTAB are not part of a field value. */
    static String trimWhitespace(String field) {
        int start = 0;
        int end = field.length();
        while (start < end && isWhitespace(field.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(field.charAt(end - 1))) {
            end--;
        }
        return field.substring(start, end);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** RFC 4648 §4 with padding: groups of four alphabet characters, {@code =} only to pad the last group. */
    private static boolean isCanonicalBase64(String encoded) {
        if (encoded.length() % 4 != 0) {
            return false;
        }
        int padding = encoded.endsWith("==") ? 2 : encoded.endsWith("=") ? 1 : 0;
        for (int i = 0; i < encoded.length() - padding; i++) {
            char c = encoded.charAt(i);
            boolean alphabet =
                    c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
            if (!alphabet) {
                return false;
            }
        }
        return true;
    }
}
