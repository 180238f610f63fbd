package dev.mcpgateway.token;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks the registered claims of a token (RFC 7519 §4.1) as parsed from JSON, before anything converts them, for
 * JWTs and introspection answers alike. Converters are forgiving where a resource server must not be: Spring turns
 * any {@code sub} into its {@code toString()} ({@code {id=admin}}), and nimbus multiplies seconds by 1000 in a
 * {@code long} ({@code -18446742277593213} wraps into next year). So:
 *
 * <ul>
 *   <li>{@code exp}, {@code nbf} and {@code iat} are JSON numbers (NumericDate, §2: seconds, fractions allowed) from 0
 *       to the end of year 9999, else {@link TokenRejection#INVALID_DATE};</li>
 *   <li>{@code iss}, {@code sub} and {@code jti} are strings, and {@code aud} a string or a list of strings, else
 *       {@link TokenRejection#INVALID_IDENTITY_CLAIM}.</li>
 * </ul>
 */
final class RegisteredClaims {

    /** 9999-12-31T23:59:59Z. */
    static final long MAX_SECONDS = 253_402_300_799L;

    private static final List<String> DATES = List.of("exp", "nbf", "iat");
    private static final List<String> STRINGS = List.of("iss", "sub", "jti");
    private static final String AUDIENCE = "aud";

    private RegisteredClaims() {}

    /**
     * @param claims the claims as parsed from JSON, before any conversion
     * @throws org.springframework.security.oauth2.server.resource.InvalidBearerTokenException naming the first problem
     */
    static void check(Map<String, Object> claims) {
        for (String claim : DATES) {
            if (claims.containsKey(claim) && !isSaneDate(claims.get(claim))) {
                throw TokenRejection.INVALID_DATE.exception();
            }
        }
        for (String claim : STRINGS) {
            if (claims.containsKey(claim) && !(claims.get(claim) instanceof String)) {
                throw TokenRejection.INVALID_IDENTITY_CLAIM.exception();
            }
        }
        Object audience = claims.get(AUDIENCE);
        if (claims.containsKey(AUDIENCE) && !(audience instanceof String || isListOfStrings(audience))) {
            throw TokenRejection.INVALID_IDENTITY_CLAIM.exception();
        }
    }

    private static boolean isSaneDate(Object value) {
        if (!(value instanceof Number number)) {
            return false;
        }
        double seconds = number.doubleValue();
        return Double.isFinite(seconds) && seconds >= 0 && seconds <= MAX_SECONDS;
    }

    private static boolean isListOfStrings(@Nullable Object value) {
        return value instanceof Collection<?> items && items.stream().allMatch(String.class::isInstance);
    }
}
