package dev.mcpgateway.proxy;

import org.jspecify.annotations.Nullable;

/**
 * The characters Spring Security's strict firewall allows in header names and values (assigned code points that are
 * not control characters; values may also hold a tab), tested code point by code point. The firewall's defaults test
 * the same rule with a regular expression on every header read of every request.
 */
final class FieldCharacters {

    private FieldCharacters() {}

    /** A header or parameter name: assigned code points, no control character. */
    static boolean isAllowedName(@Nullable String text) {
        return allAllowed(text, false);
    }

    /**
     * A header value: as a name, and a horizontal tab too. The firewall also asks about the value of an absent header
     * ({@code getFirst} of a name the request does not carry): {@code null} has nothing to refuse.
     */
    static boolean isAllowedValue(@Nullable String text) {
        return allAllowed(text, true);
    }

    private static boolean allAllowed(@Nullable String text, boolean tabAllowed) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            boolean allowed = Character.getType(codePoint) != Character.UNASSIGNED
                    && (!Character.isISOControl(codePoint) || tabAllowed && codePoint == '\t');
            if (!allowed) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
