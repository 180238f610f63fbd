package dev.mcpgateway.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The query of a Redis URL ({@link RedisUri}): the few Lettuce parameters the gateway accepts, and the sentinels' own
 * password, for which Lettuce has no parameter (its URL password is the data nodes'). Timeouts are the stores' own,
 * so Lettuce's {@code timeout} is refused rather than silently ignored.
 */
final class RedisUrlQuery {

    static final String MASTER = "sentinelMasterId";
    static final String SENTINEL_PASSWORD = "sentinelPassword";

    private static final Set<String> ACCEPTED = Set.of("clientName", "verifyPeer");
    private static final Set<String> SENTINEL_ACCEPTED = Set.of("clientName", "verifyPeer", MASTER, SENTINEL_PASSWORD);
    private static final Set<String> VERIFY_MODES = Set.of("NONE", "CA", "FULL");

    private RedisUrlQuery() {}

    /** What is wrong with the query, if anything (never quoting it: a value may be a password). */
    static Optional<String> problem(URI uri, boolean sentinel) {
        Set<String> accepted = sentinel ? SENTINEL_ACCEPTED : ACCEPTED;
        for (String pair : pairs(uri)) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!accepted.contains(name)) {
                return Optional.of("the only query parameters are clientName and verifyPeer (NONE, CA or FULL, with "
                        + "TLS), and for Sentinel sentinelMasterId and sentinelPassword");
            }
        }
        String verifyPeer = parameter(uri, "verifyPeer");
        if (verifyPeer != null
                && (!uri.getScheme().startsWith("rediss")
                        || !VERIFY_MODES.contains(verifyPeer.toUpperCase(Locale.ROOT)))) {
            return Optional.of("verifyPeer is NONE, CA or FULL, and only with TLS (rediss…://)");
        }
        return Optional.empty();
    }

    /** The decoded value of {@code name}, or {@code null}. */
    static @Nullable String parameter(URI uri, String name) {
        for (String pair : pairs(uri)) {
            if (pair.startsWith(name + "=")) {
                // Percent-decoding as in a URI, where '+' is itself (URLDecoder alone would read it as a space).
                return URLDecoder.decode(pair.substring(name.length() + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The URL's text without {@code name}, so that Lettuce never sees what it does not know. */
    static String without(URI uri, String name) {
        String text = uri.toString();
        if (uri.getRawQuery() == null) {
            return text;
        }
        String kept =
                pairs(uri).stream().filter(pair -> !pair.startsWith(name + "=")).collect(Collectors.joining("&"));
        String fragment = uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment();
        return text.substring(0, text.indexOf('?')) + (kept.isEmpty() ? "" : "?" + kept) + fragment;
    }

    /** The raw {@code name=value} pairs; Lettuce also splits on {@code ;}. */
    private static List<String> pairs(URI uri) {
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        return List.of(query.split("[&;]"));
    }
}
