package dev.mcpgateway.mcp;

import java.text.Normalizer;
import java.util.Locale;

/**
 * When two names might be read as the same by a peer that compares loosely. Peers differ: Go's JSON decoder
 * matches object keys with Unicode case folding ({@code "METHOD"} and {@code "paramſ"} fill {@code method} and
 * {@code params}), some servers trim or normalize tool names, or ignore invisible characters. The gateway
 * authorizes on exact names, so it must refuse a name that is not exact but that such a peer could take for one it
 * guards. {@link #key} maps a name to a comparison key that is deliberately coarse (compatibility normalization,
 * invisible format characters removed, surrounding white space trimmed, case folded): two names with equal keys
 * may be confused; over-matching only ever refuses more.
 */
public final class Lookalikes {

    private Lookalikes() {}

    /** The comparison key of {@code name}: NFKC, without format characters (zero-width and the like), trimmed, folded. */
    public static String key(String name) {
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder visible = new StringBuilder(normalized.length());
        normalized
                .codePoints()
                .filter(codePoint -> Character.getType(codePoint) != Character.FORMAT)
                .forEach(visible::appendCodePoint);
        return visible.toString().strip().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** Whether {@code candidate} is not {@code exact} but a loose peer could read it as {@code exact}. */
    public static boolean imitates(String candidate, String exact) {
        return !candidate.equals(exact) && key(candidate).equals(key(exact));
    }
}
