package dev.mcpgateway.token;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.ClaimMapping;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Verifies JWT bearer access tokens for a route (RFC 9068 §4, RFC 6750 §2.1), in this order:
 *
 * <ol>
 *   <li>parse without trusting: a compact JWS with an allowed asymmetric {@code alg}, else malformed or refused;</li>
 *   <li>{@code typ} is {@code at+jwt}, {@code JWT} or absent ({@link TokenTypeValidator});</li>
 *   <li>{@code iss} is exactly the issuer of a server the route trusts ({@link IssuerValidator}); this is also how
 *       the signing keys are chosen, so a token of an untrusted issuer never causes a network call;</li>
 *   <li>{@code exp} present, {@code exp}/{@code nbf} with bounded skew ({@link TimestampValidator});</li>
 *   <li>{@code exp - iat} within the issuer's {@code max-token-lifetime}, if one is set ({@link TokenLifetimeValidator});</li>
 *   <li>the audience (in {@code aud}, or the issuer's audience claim) names the route's resource or an extra accepted
 *       audience ({@link AudienceValidator});</li>
 *   <li>the signature verifies with the issuer's published keys ({@link JwksKeySource}).</li>
 * </ol>
 * Steps 1, 2 and 7 do not depend on the route and their outcome is cached ({@link VerifiedTokenCache}); steps 3 to
 * 6 (the issuer's {@link ClaimRules}) run on every call, cached or not, so a token verified for one route is never
 * accepted by another that would refuse it.
 *
 * <p>Every refusal is an {@link org.springframework.security.oauth2.server.resource.InvalidBearerTokenException}
 * with a fixed {@link TokenRejection} description.
 * When the issuer's keys have never been readable the result is instead an
 * {@link org.springframework.security.authentication.AuthenticationServiceException}: the token may be fine, the
 * gateway cannot tell. No message or log line contains any part of a token.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1">RFC 7519 §4.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 */
public final class AccessTokenVerifier implements AutoCloseable {

    private static final TokenTypeValidator TYPE = new TokenTypeValidator();

    private final Map<String, String> issuerByServerName = new HashMap<>();
    private final Map<String, JwksKeySource> keysByIssuer = new HashMap<>();
    /** Where each issuer's keys are read from: the configured {@code jwks-uri}, or null for discovery. */
    private final Map<String, Optional<URI>> jwksUriByIssuer = new HashMap<>();

    private final Map<String, ClaimRules> rulesByIssuer = new HashMap<>();
    private final Map<String, ClaimMapping> claimsByIssuer = new HashMap<>();
    /** One issuer check per list of trusted servers (a route's), made on first use instead of per request. */
    private final Map<List<String>, IssuerValidator> issuerChecks = new ConcurrentHashMap<>();

    private final VerifiedTokenCache cache;

    /**
     * Nothing is fetched here; each server's keys are read on its first token.
     *
     * @param servers every configured authorization server; names and issuers must be unique
     * @param webClient used for metadata and JWK Set requests
     * @param clock the time for {@code exp}/{@code nbf}, cache expiry and the refetch interval
     */
    public AccessTokenVerifier(
            Collection<AuthorizationServerConfig> servers,
            WebClient webClient,
            TokenVerifierSettings settings,
            Clock clock) {
        this(servers, webClient, settings, clock, TokenMetrics.NONE);
    }

    AccessTokenVerifier(
            Collection<AuthorizationServerConfig> servers,
            WebClient webClient,
            TokenVerifierSettings settings,
            Clock clock,
            TokenMetrics metrics) {
        for (AuthorizationServerConfig server : servers) {
            if (issuerByServerName.putIfAbsent(server.name(), server.issuer()) != null) {
                throw new IllegalArgumentException("Duplicate authorization server name " + server.name());
            }
        }
        if (Set.copyOf(issuerByServerName.values()).size() != servers.size()) {
            throw new IllegalArgumentException("Two authorization servers have the same issuer");
        }
        IssuerMetadataDiscovery discovery = new IssuerMetadataDiscovery(webClient, settings.httpTimeout());
        TimestampValidator timestamps = new TimestampValidator(clock, settings.clockSkew());
        for (AuthorizationServerConfig server : servers) {
            jwksUriByIssuer.put(server.issuer(), Optional.ofNullable(server.jwksUri()));
            rulesByIssuer.put(server.issuer(), new ClaimRules(server, timestamps));
            claimsByIssuer.put(server.issuer(), server.claims());
            Mono<URI> jwksUri =
                    server.jwksUri() != null ? Mono.just(server.jwksUri()) : discovery.jwksUri(server.issuer());
            keysByIssuer.put(
                    server.issuer(), new JwksKeySource(server.name(), jwksUri, webClient, settings, clock, metrics));
        }
        this.cache = new VerifiedTokenCache(settings.cacheMaxSize(), settings.cacheMaxTtl(), clock);
    }

    /**
     * Verifies signature, {@code iss} (one of the trusted servers' issuers), {@code aud} (intersects
     * {@code acceptedAudiences}), {@code exp}/{@code nbf} with skew, and {@code typ}; the signature check is cached.
     * Lazy: nothing happens until subscription.
     *
     * @param trustedServerNames names of the authorization servers the route trusts; unknown names trust nothing
     * @param acceptedAudiences the route's resource URI and extra audiences
     */
    public Mono<Jwt> verify(String token, List<String> trustedServerNames, Set<String> acceptedAudiences) {
        return verified(token, trustedServerNames, acceptedAudiences).map(verified -> verified.toJwt(token));
    }

    /**
     * As {@link #verify}, giving the principal the issuer's claim mapping makes of the token, which is computed once
     * per verified token.
     */
    public Mono<TokenPrincipal> verifyPrincipal(
            String token, List<String> trustedServerNames, Set<String> acceptedAudiences) {
        return verified(token, trustedServerNames, acceptedAudiences).map(VerifiedToken::principalOrThrow);
    }

    /**
     * The fast path of a token verified before: found by its digest, nothing parsed, only the route's claim checks
     * run; null when the token is not in the cache (then its shape decides where it goes, {@link TokenDispatch}).
     */
    @Nullable Mono<TokenPrincipal> verifyCached(String token, List<String> trustedServerNames, Set<String> acceptedAudiences) {
        Mono<VerifiedToken> cached = cache.ifCached(token);
        if (cached == null) {
            return null;
        }
        IssuerValidator issuerCheck = issuerCheck(trustedServerNames);
        return cached.map(verified -> {
            checkClaims(verified.claims(), issuerCheck, acceptedAudiences);
            return verified.principalOrThrow();
        });
    }

    private Mono<VerifiedToken> verified(String token, List<String> trustedServerNames, Set<String> acceptedAudiences) {
        return Mono.defer(() -> {
            if (token == null || token.isBlank()) {
                return Mono.error(TokenRejection.MALFORMED.exception());
            }
            IssuerValidator issuerCheck = issuerCheck(trustedServerNames);
            return cache.cached(token)
                    .switchIfEmpty(Mono.defer(
                            () -> verifyUncached(token, ParsedToken.parse(token), issuerCheck, acceptedAudiences)))
                    .map(verified -> {
                        checkClaims(verified.claims(), issuerCheck, acceptedAudiences);
                        return verified;
                    });
        });
    }

    private IssuerValidator issuerCheck(List<String> trustedServerNames) {
        IssuerValidator check = issuerChecks.get(trustedServerNames);
        return check != null
                ? check
                : issuerChecks.computeIfAbsent(
                        List.copyOf(trustedServerNames), names -> new IssuerValidator(trustedIssuers(names)));
    }

    /** The state of every authorization server's key set, for health reporting. */
    public List<JwksKeySource.KeySetStatus> keySetStatus() {
        return keysByIssuer.values().stream().map(JwksKeySource::status).toList();
    }

    /** Reads every key set now, retrying every {@code retry} until each was read once. */
    public void readKeysUntilRead(java.time.Duration retry) {
        keysByIssuer.values().forEach(keys -> keys.readUntilRead(retry));
    }

    /**
     * Starts the key set of every issuer that {@code previous} also had, read from the same place, from the keys
     * {@code previous} has read ({@link JwksKeySource#continueFrom}): a reload that adds or removes another server
     * (the warm-up adds its own for a while) costs those servers no JWK Set read and no gap while their endpoint is
     * down. The verified-token cache starts empty: claim mappings may have changed.
     */
    void continueFrom(AccessTokenVerifier previous) {
        keysByIssuer.forEach((issuer, keys) -> {
            JwksKeySource earlier = previous.keysByIssuer.get(issuer);
            if (earlier != null && Objects.equals(jwksUriByIssuer.get(issuer), previous.jwksUriByIssuer.get(issuer))) {
                keys.continueFrom(earlier);
            }
        });
    }

    /** Stops every periodic key refresh. */
    @Override
    public void close() {
        keysByIssuer.values().forEach(JwksKeySource::close);
    }

    /**
     * As {@link #verifyPrincipal}, for a token {@link #verifyCached} has just not found, from what {@link TokenShape}
     * read of it: neither looked up nor parsed again (a verification of the same token running meanwhile is still
     * joined, {@link TokenDigestCache#computeIfAbsent}).
     */
    Mono<TokenPrincipal> verifyPrincipalNotCached(
            String token, TokenShape shape, List<String> trustedServerNames, Set<String> acceptedAudiences) {
        return Mono.defer(() -> {
            IssuerValidator issuerCheck = issuerCheck(trustedServerNames);
            return verifyUncached(token, ParsedToken.of(token, shape), issuerCheck, acceptedAudiences)
                    .map(verified -> {
                        checkClaims(verified.claims(), issuerCheck, acceptedAudiences);
                        return verified.principalOrThrow();
                    });
        });
    }

    private Mono<VerifiedToken> verifyUncached(
            String token, ParsedToken parsed, IssuerValidator issuerCheck, Set<String> acceptedAudiences) {
        ClaimRules.check(parsed.jwt(), List.of(TYPE));
        checkClaims(parsed.jwt(), issuerCheck, acceptedAudiences);
        JwksKeySource keys = Objects.requireNonNull(
                keysByIssuer.get(parsed.jwt().getClaimAsString("iss")), "the issuer check passed: a configured issuer");
        return cache.computeIfAbsent(
                token,
                () -> keys.keysFor(parsed.jws().getHeader()).map(candidates -> {
                    if (candidates.isEmpty()) {
                        throw TokenRejection.UNKNOWN_SIGNING_KEY.exception();
                    }
                    if (!JwsSignatureVerifier.verify(parsed.jws(), candidates)) {
                        throw TokenRejection.INVALID_SIGNATURE.exception();
                    }
                    String issuer = Objects.requireNonNull(parsed.jwt().getClaimAsString("iss"), "checked above");
                    return VerifiedToken.of(
                            parsed.jwt(),
                            Objects.requireNonNull(claimsByIssuer.get(issuer), "the issuer check passed"));
                }));
    }

    private Set<String> trustedIssuers(List<String> serverNames) {
        return serverNames.stream()
                .map(issuerByServerName::get)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    /** The issuer first: it says whose rules apply. The first failing check wins, so the reported reason is stable. */
    private Jwt checkClaims(Jwt jwt, IssuerValidator issuerCheck, Set<String> acceptedAudiences) {
        ClaimRules.check(jwt, List.of(issuerCheck));
        ClaimRules rules = Objects.requireNonNull(
                rulesByIssuer.get(jwt.getClaimAsString("iss")), "the issuer check passed: a configured issuer");
        return rules.check(jwt, acceptedAudiences);
    }
}
