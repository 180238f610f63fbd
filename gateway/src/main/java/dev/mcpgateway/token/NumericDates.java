package dev.mcpgateway.token;

import java.util.List;
import java.util.Map;

/**
 * Checks the date claims of a token before anything converts them: {@code exp}, {@code nbf} and {@code iat} must be
 * JSON numbers (RFC 7519 §2 NumericDate, seconds since the epoch, fractions allowed) from 0 to the end of year 9999.
 * A parser that multiplies seconds by 1000 in a {@code long} would otherwise wrap {@code -18446742277593213} into a
 * date next year; a string, a boolean, an object, {@code null} or an out-of-range number is refused as
 * {@link TokenRejection#INVALID_DATE}, for JWTs and introspection responses alike.
 */
final class NumericDates {

    /** 9999-12-31T23:59:59Z. */
    static final long MAX_SECONDS = 253_402_300_799L;

    private static final List<String> CLAIMS = List.of("exp", "nbf", "iat");

    private NumericDates() {}

    /**
     * @param claims the claims as parsed from JSON, before any conversion
     * @throws org.springframework.security.oauth2.server.resource.InvalidBearerTokenException when a date claim is present
     *         and not a sane NumericDate
     */
    static void check(Map<String, Object> claims) {
        for (String claim : CLAIMS) {
            if (claims.containsKey(claim) && !isSane(claims.get(claim))) {
                throw TokenRejection.INVALID_DATE.exception();
            }
        }
    }

    private static boolean isSane(Object value) {
        if (!(value instanceof Number number)) {
            return false;
        }
        double seconds = number.doubleValue();
        return Double.isFinite(seconds) && seconds >= 0 && seconds <= MAX_SECONDS;
    }
}
