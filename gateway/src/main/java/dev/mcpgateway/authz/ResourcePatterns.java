package dev.mcpgateway.authz;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code scopes.resources}: which entry decides a {@code resources/read} of a URI. A key is a URI pattern in which
 * {@code *} matches any run of characters ({@code /} included); the bare {@code *} matches every other URI. The most
 * specific matching entry decides: an exact key first, then the pattern with the most literal characters, then
 * {@code *}; among equally specific patterns, the first in the file. A URI that a server could resolve to another
 * one ({@code ..} or {@code .} segments, percent-encoded dots, slashes or backslashes, a backslash, whitespace or a
 * control character) matches nothing, so it is refused: the gateway compares text, the upstream resolves paths.
 * Pure.
 */
final class ResourcePatterns {

    private ResourcePatterns() {}

    /**
     * The scopes a read of {@code uri} needs; empty when no entry matches (the read is refused).
     *
     * @param entries URI pattern to scopes, in file order
     */
    static Optional<List<String>> scopesOf(Map<String, List<String>> entries, String uri) {
        if (ambiguous(uri)) {
            return Optional.empty();
        }
        List<String> exact = entries.get(uri);
        if (exact != null && !uri.equals(ToolPolicy.ANY_OTHER_TOOL)) {
            return Optional.of(exact);
        }
        List<String> best = null;
        int bestLiterals = -1;
        for (Map.Entry<String, List<String>> entry : entries.entrySet()) {
            String pattern = entry.getKey();
            if (pattern.equals(ToolPolicy.ANY_OTHER_TOOL) || !pattern.contains("*")) {
                continue;
            }
            int literals = pattern.length() - count(pattern, '*');
            if (literals > bestLiterals && matches(pattern, uri)) {
                best = entry.getValue();
                bestLiterals = literals;
            }
        }
        return best != null ? Optional.of(best) : Optional.ofNullable(entries.get(ToolPolicy.ANY_OTHER_TOOL));
    }

    /** Glob match where {@code *} is any run of characters, iterative with backtracking to the last star. */
    static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean ambiguous(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c == 0x7F || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return true;
            }
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
            return true;
        }
        int start = 0;
        for (int i = 0; i <= lower.length(); i++) {
            if (i == lower.length() || "/?#".indexOf(lower.charAt(i)) >= 0) {
                int length = i - start;
                if ((length == 1 || length == 2) && lower.startsWith("..".substring(0, length), start)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += text.charAt(i) == c ? 1 : 0;
        }
        return n;
    }
}
