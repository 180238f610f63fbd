package dev.mcpgateway.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How an identity value travels in an upstream header field. Visible ASCII and spaces go as they are; anything
 * else (another script, leading or trailing spaces, text that itself looks encoded) goes as
 * {@code =?base64?<UTF-8 bytes in Base64>?=}, the form MCP 2026-07-28 (SEP-2243) uses for header values that are
 * not plain ASCII, so an upstream decodes every header the same way. Control characters never get here: a token
 * carrying one is refused ({@code token.ForwardableText}).
 */
final class UpstreamHeaderValue {

    static final String ENCODED_PREFIX = "=?base64?";
    static final String ENCODED_SUFFIX = "?=";

    private UpstreamHeaderValue() {}

    static String of(String value) {
        return isPlain(value)
                ? value
                : ENCODED_PREFIX
                        + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
                        + ENCODED_SUFFIX;
    }

    private static boolean isPlain(String value) {
        if (value.isEmpty()) {
            return true;
        }
        if (value.startsWith("=?") || value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
