package dev.mcpgateway.token;

/**
 * Which identity values the gateway can pass on. A subject, client id, tenant or scope with a control character
 * (C0, DEL or C1: CR, LF, NUL, TAB…) cannot travel in an HTTP header field (RFC 9110 §5.5 forbids CR, LF and NUL
 * in field values) nor be logged faithfully, so a token carrying one is refused as invalid; printable text of any
 * script is fine (and is encoded on its way upstream).
 */
public final class ForwardableText {

    private ForwardableText() {}

    /** Whether {@code value} has no control character. */
    public static boolean isForwardable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return false;
            }
        }
        return true;
    }
}
