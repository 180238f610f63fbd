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
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who a validated access token speaks for. Holds no token bytes, so nothing downstream of
 * validation can log or forward the credential. Sessions bind to {@code (issuer, subject)},
 * which survives token refresh.
 *
 * <p>Built the same way from a verified JWT and from an active introspection result, through the token's
 * authorization server's {@link ClaimMapping}, so every later step sees one shape whatever the provider. Subject
 * and client id are forwarded to the upstream and logged: they must be strings without control characters
 * ({@link ForwardableText}), else the token is refused; scope values that are not RFC 6749 scope-tokens are
 * dropped.
 *
 * @param issuer    {@code iss} (RFC 7519 §4.1.1)
 * @param subject   the subject claim, {@code sub} by default (RFC 7519 §4.1.2); {@code client:<client id>} when there is none
 * @param clientId  the client claim: by default {@code client_id} (RFC 9068 §2.2), else {@code azp}, {@code cid},
 *                  {@code appid}; may be {@code null}
 * @param scopes    the granted scopes in token order: by default {@code scope} (RFC 9068 §2.2.3), else {@code scp}
 * @param expiresAt {@code exp}
 * @param claims    every claim of the validated token, e.g. for the route's {@code tenant-claim}
 * @param clientSubject whether the token named no user, so {@code subject} was made from the client id: such a
 *                  principal never equals a user whose own {@code sub} happens to read {@code client:<id>}
 */
public record TokenPrincipal(
        String issuer,
        String subject,
        @Nullable String clientId,
        Set<String> scopes,
        Instant expiresAt,
        Map<String, Object> claims,
        boolean clientSubject) {

    private static final List<String> DEFAULT_SCOPE_CLAIMS = List.of("scope", "scp");
    private static final List<String> DEFAULT_CLIENT_ID_CLAIMS = List.of("client_id", "azp", "cid", "appid");
    private static final String DEFAULT_SUBJECT_CLAIM = "sub";
    /** The subject of a token that names no user, only its client: {@code client:<client id>}. */
    public static final String CLIENT_SUBJECT_PREFIX = "client:";

    public TokenPrincipal {
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    public TokenPrincipal(
            String issuer, String subject, @Nullable String clientId, Set<String> scopes, Instant expiresAt) {
        this(issuer, subject, clientId, scopes, expiresAt, Map.of(), false);
    }

    public TokenPrincipal(
            String issuer,
            String subject,
            @Nullable String clientId,
            Set<String> scopes,
            Instant expiresAt,
            Map<String, Object> claims) {
        this(issuer, subject, clientId, scopes, expiresAt, claims, false);
    }

    /** With the default claim mapping. */
    public static TokenPrincipal from(Jwt jwt) {
        return from(jwt, ClaimMapping.DEFAULTS);
    }

    /**
     * @throws org.springframework.security.oauth2.server.resource.InvalidBearerTokenException when neither the
     *         subject claim nor a client id names anyone, when either is not a string (RFC 7519 §4.1.2: a
     *         StringOrURI; an object or a list would reach the upstream as its Java rendering), or when either has a
     *         control character
     */
    public static TokenPrincipal from(Jwt jwt, ClaimMapping mapping) {
        Map<String, Object> claims = jwt.getClaims();
        String clientId = text(first(claims, mapping.clientIdClaim(), DEFAULT_CLIENT_ID_CLAIMS));
        String subject =
                text(claims.get(mapping.subjectClaim() == null ? DEFAULT_SUBJECT_CLAIM : mapping.subjectClaim()));
        boolean clientSubject = false;
        if ((subject == null || subject.isEmpty()) && clientId != null && !clientId.isEmpty()) {
            subject = CLIENT_SUBJECT_PREFIX + clientId;
            clientSubject = true;
        }
        if (subject == null || subject.isEmpty()) {
            throw TokenRejection.MISSING_SUBJECT.exception();
        }
        if (!ForwardableText.isForwardable(subject) || clientId != null && !ForwardableText.isForwardable(clientId)) {
            throw TokenRejection.UNFORWARDABLE_IDENTITY.exception();
        }
        String issuer = Objects.requireNonNull(text(claims.get("iss")), "a verified token names its issuer");
        Set<String> scopes = scopes(first(claims, mapping.scopeClaim(), DEFAULT_SCOPE_CLAIMS));
        Instant expiresAt = Objects.requireNonNull(jwt.getExpiresAt(), "a verified token has exp (TimestampValidator)");
        return new TokenPrincipal(issuer, subject, clientId, scopes, expiresAt, claims, clientSubject);
    }

    /** The configured claim, or the first default claim present. */
    private static @Nullable Object first(
            Map<String, Object> claims, @Nullable String configured, List<String> defaults) {
        if (configured != null) {
            return claims.get(configured);
        }
        return defaults.stream()
                .map(claims::get)
                .filter(value -> value != null)
                .findFirst()
                .orElse(null);
    }

    private static @Nullable String text(@Nullable Object value) {
        if (value != null && !(value instanceof String)) {
            throw TokenRejection.INVALID_IDENTITY_CLAIM.exception();
        }
        return (String) value;
    }

    /**
     * A space-delimited string (RFC 6749 §3.3), an array, or an object whose keys are the granted values. Only
     * RFC 6749 §3.3 scope-tokens count (visible ASCII but space, {@code "} and {@code \}): an array item such as
     * {@code "x mcp:admin"} is no scope, and is dropped rather than forwarded in {@code X-MCP-Scopes}, where an
     * upstream splitting on spaces would read {@code mcp:admin} into it.
     */
    private static Set<String> scopes(@Nullable Object value) {
        Set<String> scopes = new LinkedHashSet<>();
        if (value instanceof String text) {
            Arrays.stream(text.split(" ")).forEach(scopes::add);
        } else if (value instanceof Collection<?> list) {
            list.forEach(item -> scopes.add(item instanceof String text ? text : ""));
        } else if (value instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> scopes.add(key instanceof String text ? text : ""));
        }
        scopes.removeIf(scope -> !isScopeToken(scope));
        return scopes;
    }

    private static boolean isScopeToken(String scope) {
        if (scope.isEmpty()) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    public boolean hasAll(Collection<String> required) {
        return scopes.containsAll(required);
    }
}
