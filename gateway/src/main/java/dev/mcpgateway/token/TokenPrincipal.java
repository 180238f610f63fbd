package dev.mcpgateway.token;

import dev.mcpgateway.config.ClaimMapping;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who a validated access token speaks for. Holds no token bytes, so nothing downstream of
 * validation can log or forward the credential. Sessions bind to {@code (issuer, subject)},
 * which survives token refresh.
 *
 * <p>Built the same way from a verified JWT and from an active introspection result, through the token's
 * authorization server's {@link ClaimMapping}, so every later step sees one shape whatever the provider. Subject,
 * client id and scopes are forwarded to the upstream and logged, so a control character in any of them refuses
 * the token ({@link ForwardableText}).
 *
 * @param issuer    {@code iss} (RFC 7519 §4.1.1)
 * @param subject   the subject claim, {@code sub} by default (RFC 7519 §4.1.2); {@code client:<client id>} when there is none
 * @param clientId  the client claim: by default {@code client_id} (RFC 9068 §2.2), else {@code azp}, {@code cid},
 *                  {@code appid}; may be {@code null}
 * @param scopes    the granted scopes in token order: by default {@code scope} (RFC 9068 §2.2.3), else {@code scp}
 * @param expiresAt {@code exp}
 * @param claims    every claim of the validated token, e.g. for the route's {@code tenant-claim}
 */
public record TokenPrincipal(
        String issuer,
        String subject,
        String clientId,
        Set<String> scopes,
        Instant expiresAt,
        Map<String, Object> claims) {

    private static final List<String> DEFAULT_SCOPE_CLAIMS = List.of("scope", "scp");
    private static final List<String> DEFAULT_CLIENT_ID_CLAIMS = List.of("client_id", "azp", "cid", "appid");
    private static final String DEFAULT_SUBJECT_CLAIM = "sub";
    /** The subject of a token that names no user, only its client: {@code client:<client id>}. */
    public static final String CLIENT_SUBJECT_PREFIX = "client:";

    public TokenPrincipal {
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    public TokenPrincipal(String issuer, String subject, String clientId, Set<String> scopes, Instant expiresAt) {
        this(issuer, subject, clientId, scopes, expiresAt, Map.of());
    }

    /** With the default claim mapping. */
    public static TokenPrincipal from(Jwt jwt) {
        return from(jwt, ClaimMapping.DEFAULTS);
    }

    /**
     * @throws org.springframework.security.oauth2.server.resource.InvalidBearerTokenException when neither the
     *         subject claim nor a client id names anyone
     */
    public static TokenPrincipal from(Jwt jwt, ClaimMapping mapping) {
        Map<String, Object> claims = jwt.getClaims();
        String clientId = text(first(claims, mapping.clientIdClaim(), DEFAULT_CLIENT_ID_CLAIMS));
        String subject =
                text(claims.get(mapping.subjectClaim() == null ? DEFAULT_SUBJECT_CLAIM : mapping.subjectClaim()));
        if ((subject == null || subject.isEmpty()) && clientId != null && !clientId.isEmpty()) {
            // Namespaced, so that a client whose id equals some user's sub never shares that user's sessions.
            subject = CLIENT_SUBJECT_PREFIX + clientId;
        }
        if (subject == null || subject.isEmpty()) {
            throw TokenRejection.MISSING_SUBJECT.exception();
        }
        String issuer = text(claims.get("iss"));
        Set<String> scopes = scopes(first(claims, mapping.scopeClaim(), DEFAULT_SCOPE_CLAIMS));
        if (!ForwardableText.isForwardable(subject)
                || clientId != null && !ForwardableText.isForwardable(clientId)
                || !scopes.stream().allMatch(ForwardableText::isForwardable)) {
            throw TokenRejection.UNFORWARDABLE_IDENTITY.exception();
        }
        return new TokenPrincipal(issuer, subject, clientId, scopes, jwt.getExpiresAt(), claims);
    }

    /** The configured claim, or the first default claim present. */
    private static Object first(Map<String, Object> claims, String configured, List<String> defaults) {
        if (configured != null) {
            return claims.get(configured);
        }
        return defaults.stream()
                .map(claims::get)
                .filter(value -> value != null)
                .findFirst()
                .orElse(null);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** A space-delimited string (RFC 6749 §3.3), an array, or an object whose keys are the granted values. */
    private static Set<String> scopes(Object value) {
        Set<String> scopes = new LinkedHashSet<>();
        if (value instanceof String text) {
            Arrays.stream(text.split(" ")).filter(s -> !s.isEmpty()).forEach(scopes::add);
        } else if (value instanceof Collection<?> list) {
            list.forEach(item -> scopes.add(String.valueOf(item)));
        } else if (value instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> scopes.add(String.valueOf(key)));
        }
        return scopes;
    }

    public boolean hasAll(Collection<String> required) {
        return scopes.containsAll(required);
    }
}
