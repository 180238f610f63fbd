package dev.mcpgateway.token;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.IntrospectionConfig;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Validates opaque access tokens of one authorization server by introspection (RFC 7662). Only {@code active: true}
 * is accepted (RFC 7662 §2.2); then the same rules as for a JWT apply: {@code iss}, when the response names one,
 * must be exactly the server's issuer (when it names none, the configured endpoint vouches for its own server);
 * {@code exp} is required and checked with skew even though the server said active; the lifetime limit and the
 * audience ({@link ClaimRules}).
 *
 * <p>Results are cached by the SHA-256 of the token ({@link TokenDigestCache}): an active one for
 * {@code min(exp - now, cache-ttl)}, an inactive one for at most {@value #NEGATIVE_TTL_SECONDS} s, an unreachable
 * endpoint not at all. Concurrent requests with the same new token cause one introspection call. {@code cache-ttl}
 * is also how long a revoked token may still be accepted.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662 §2.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-4">RFC 7662 §4 (caching)</a>
 */
final class TokenIntrospector {

    static final long NEGATIVE_TTL_SECONDS = 5;
    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(NEGATIVE_TTL_SECONDS);
    /** The claims are only a carrier for the validators; the header says where they came from. */
    private static final Map<String, Object> HEADER = Map.of("typ", "token-introspection");
    /** Numeric dates become instants; {@code iss} is kept exactly as sent. */
    private static final MappedJwtClaimSetConverter CLAIMS = MappedJwtClaimSetConverter.withDefaults(
            Map.<String, Converter<Object, ?>>of(JwtClaimNames.ISS, issuer -> issuer));

    private final AuthorizationServerConfig server;
    private final IntrospectionClient client;
    private final ClaimRules rules;
    private final TokenDigestCache<Introspection> cache;
    private final Timer active;
    private final Timer inactive;
    private final Timer failed;

    TokenIntrospector(
            AuthorizationServerConfig server,
            WebClient webClient,
            TokenVerifierSettings settings,
            Clock clock,
            TokenMetrics metrics) {
        this.active = metrics.introspection(server.name(), "active");
        this.inactive = metrics.introspection(server.name(), "inactive");
        this.failed = metrics.introspection(server.name(), "error");
        IntrospectionConfig config = Objects.requireNonNull(
                server.introspection(), "an introspector is made for a server with introspection");
        this.server = server;
        this.client = new IntrospectionClient(server.name(), config, webClient);
        this.rules = ClaimRules.of(server, clock, settings);
        this.cache = new TokenDigestCache<>(
                settings.cacheMaxSize(),
                result -> result.active()
                        ? VerifiedTokenCache.timeToLive(result.expiresAt(), config.cacheTtl(), clock)
                        : min(NEGATIVE_TTL, config.cacheTtl()),
                clock);
    }

    /**
     * The token's claims when the server says it is active and they pass this server's rules for a route accepting
     * {@code acceptedAudiences}; empty when the server says it is not active.
     *
     * @return an error {@link org.springframework.security.oauth2.server.resource.InvalidBearerTokenException} when
     *         an active token breaks a rule, {@link AuthenticationServiceException} when the endpoint cannot answer
     */
    Mono<Optional<Jwt>> introspect(String token, Set<String> acceptedAudiences) {
        return cache.computeIfAbsent(token, () -> timed(client.introspect(token).map(this::toIntrospection)))
                .map(result -> result.active()
                        ? Optional.of(rules.check(carrier(token, result), acceptedAudiences))
                        : Optional.empty());
    }

    /** Times a call that reaches the endpoint, by its result; cache hits never get here. */
    private Mono<Introspection> timed(Mono<Introspection> call) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return call.doOnNext(result -> (result.active() ? active : inactive)
                            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS))
                    .doOnError(error -> failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
    }

    private Introspection toIntrospection(Map<String, Object> response) {
        if (!Boolean.TRUE.equals(response.get("active"))) {
            return Introspection.INACTIVE;
        }
        RegisteredClaims.check(response);
        Map<String, Object> claims;
        try {
            claims = new LinkedHashMap<>(CLAIMS.convert(response));
        } catch (RuntimeException e) {
            throw new AuthenticationServiceException("The introspection response has invalid claims");
        }
        claims.values().removeIf(Objects::isNull);
        claims.putIfAbsent(JwtClaimNames.ISS, server.issuer());
        return new Introspection(
                true, Map.copyOf(claims), claims.get(JwtClaimNames.EXP) instanceof Instant exp ? exp : null);
    }

    private Jwt carrier(String token, Introspection result) {
        if (!server.issuer().equals(result.claims().get(JwtClaimNames.ISS))) {
            throw TokenRejection.UNTRUSTED_ISSUER.exception();
        }
        try {
            Object issuedAt = result.claims().get(JwtClaimNames.IAT);
            return new Jwt(
                    token, issuedAt instanceof Instant iat ? iat : null, result.expiresAt(), HEADER, result.claims());
        } catch (IllegalArgumentException e) {
            throw TokenRejection.MALFORMED.exception();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** What the server said, without the token. {@code claims} holds no nulls ({@link Map#copyOf}). */
    private record Introspection(
            boolean active,
            Map<String, Object> claims,
            @Nullable Instant expiresAt) {

        static final Introspection INACTIVE = new Introspection(false, Map.of(), null);
    }
}
