package dev.mcpgateway.token;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who a validated access token speaks for. Holds no token bytes, so nothing downstream of
 * validation can log or forward the credential. Sessions bind to {@code (issuer, subject)},
 * which survives token refresh.
 *
 * @param issuer    {@code iss} (RFC 7519 §4.1.1)
 * @param subject   {@code sub} (RFC 7519 §4.1.2)
 * @param clientId  {@code client_id} (RFC 9068 §2.2), else {@code azp}; may be {@code null}
 * @param scopes    the granted scopes in token order (RFC 9068 §2.2.3 {@code scope}, or an {@code scp} list)
 * @param expiresAt {@code exp}
 * @param claims    every claim of the validated token, e.g. for the route's {@code tenant-claim}
 */
public record TokenPrincipal(String issuer, String subject, String clientId, Set<String> scopes, Instant expiresAt,
        Map<String, Object> claims) {

    public TokenPrincipal {
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    public TokenPrincipal(String issuer, String subject, String clientId, Set<String> scopes, Instant expiresAt) {
        this(issuer, subject, clientId, scopes, expiresAt, Map.of());
    }

    public static TokenPrincipal from(Jwt jwt) {
        String clientId = jwt.hasClaim("client_id") ? jwt.getClaimAsString("client_id") : jwt.getClaimAsString("azp");
        String issuer = jwt.getIssuer() == null ? null : jwt.getIssuer().toString();
        return new TokenPrincipal(issuer, jwt.getSubject(), clientId, scopes(jwt), jwt.getExpiresAt(), jwt.getClaims());
    }

    private static Set<String> scopes(Jwt jwt) {
        Set<String> scopes = new LinkedHashSet<>();
        Object scope = jwt.getClaims().get("scope");
        if (scope == null) {
            scope = jwt.getClaims().get("scp");
        }
        if (scope instanceof String text) {
            Arrays.stream(text.split(" ")).filter(s -> !s.isEmpty()).forEach(scopes::add);
        } else if (scope instanceof Collection<?> list) {
            list.forEach(item -> scopes.add(String.valueOf(item)));
        }
        return scopes;
    }

    public boolean hasAll(Collection<String> required) {
        return scopes.containsAll(required);
    }
}
