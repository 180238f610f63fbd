package dev.mcpgateway.web;

import java.text.Normalizer;
import java.util.Locale;

/**
 * When two names might be read as the same by a peer that compares loosely. Peers differ: Go's JSON decoder
 * matches object keys with Unicode case folding ({@code "METHOD"} and {@code "paramſ"} fill {@code method} and
 * {@code params}), some servers trim or normalize tool names, or ignore invisible characters. The gateway
 * authorizes on exact names, so it must refuse a name that is not exact but that such a peer could take for one it
 * guards. {@link #key} maps a name to a comparison key that is deliberately coarse (compatibility normalization,
 * invisible characters removed, surrounding white space trimmed, case folded): two names with equal keys
 * may be confused; over-matching only ever refuses more.
 *
 * <p>Invisible means every format character and every other Unicode default-ignorable code point (variation
 * selectors, the combining grapheme joiner, Hangul fillers: Unicode's {@code DerivedCoreProperties},
 * {@code Default_Ignorable_Code_Point}), and control characters. A name that holds a control character or a lone
 * surrogate is not merely a lookalike ({@link #hasControlCharacter}): a C-string upstream stops reading it at
 * {@code NUL}, Go's and Python's trimming removes a trailing next-line ({@code U+0085}) that Java's keeps, so what
 * it names depends on the reader, and no MCP name needs one.
 */
public final class Lookalikes {

    private Lookalikes() {}

    /**
     * The comparison key of {@code name}: NFKC, without invisible or control characters, trimmed, folded. A name of
     * ASCII characters only (nearly every name) takes a path without normalization or code-point streams: NFKC
     * leaves ASCII as it is, its only invisible characters are the controls, and folding it is lower-casing it.
     */
    public static String key(String name) {
        return isAscii(name) ? asciiKey(name) : unicodeKey(name);
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String asciiKey(String name) {
        boolean unchanged = true;
        for (int i = 0; i < name.length() && unchanged; i++) {
            char c = name.charAt(i);
            unchanged = c > ' ' && c < 0x7F && (c < 'A' || c > 'Z');
        }
        if (unchanged) {
            return name;
        }
        StringBuilder visible = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= ' ' && c != 0x7F) {
                visible.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        }
        return visible.toString().strip();
    }

    static String unicodeKey(String name) {
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder visible = new StringBuilder(normalized.length());
        normalized.codePoints().filter(codePoint -> !isInvisible(codePoint)).forEach(visible::appendCodePoint);
        return visible.toString().strip().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** Whether {@code name} holds a control character ({@code Cc}) or a surrogate that is not half of a pair. */
    public static boolean hasControlCharacter(String name) {
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE) {
                return true;
            }
            i += Character.charCount(codePoint);
        }
        return false;
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.CONTROL || isDefaultIgnorable(codePoint);
    }

    /** The default-ignorable code points that are not format characters (Unicode 15.1, DerivedCoreProperties). */
    private static boolean isDefaultIgnorable(int codePoint) {
        return codePoint == 0x034F
                || codePoint >= 0x115F && codePoint <= 0x1160
                || codePoint >= 0x17B4 && codePoint <= 0x17B5
                || codePoint >= 0x180B && codePoint <= 0x180F
                || codePoint >= 0x2060 && codePoint <= 0x206F
                || codePoint == 0x3164
                || codePoint >= 0xFE00 && codePoint <= 0xFE0F
                || codePoint == 0xFFA0
                || codePoint >= 0xFFF0 && codePoint <= 0xFFF8
                || codePoint >= 0x1BCA0 && codePoint <= 0x1BCA3
                || codePoint >= 0x1D173 && codePoint <= 0x1D17A
                || codePoint >= 0xE0000 && codePoint <= 0xE0FFF;
    }

    /** Whether {@code candidate} is not {@code exact} but a loose peer could read it as {@code exact}. */
    public static boolean imitates(String candidate, String exact) {
        return !candidate.equals(exact) && key(candidate).equals(key(exact));
    }
}
