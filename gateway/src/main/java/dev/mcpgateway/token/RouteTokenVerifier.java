package dev.mcpgateway.token;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.RouteConfig;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Validates a bearer token for a route, whatever its authorization server issues: JWTs are verified locally
 * ({@link AccessTokenVerifier}), opaque tokens are introspected ({@link TokenIntrospector}), as
 * {@link TokenDispatch} decides from the token's shape and the route's servers. The result is a
 * {@link TokenPrincipal} built through the issuing server's claim mapping, so later steps never see provider shapes.
 * A JWT verified before is looked up by its digest first, before anything parses it (DESIGN.md §7: a JWT is parsed
 * at most once), and costs only its route's claim checks.
 *
 * <p>Opaque tokens are asked of the route's introspecting servers in order until one says active; a server that
 * says inactive passes the question on, a server that cannot answer is remembered: if no server says active and one
 * could not answer, the result is {@link AuthenticationServiceException} (answered {@code 503}), else
 * {@link TokenRejection#INACTIVE}. An active token that breaks a rule is refused at once.
 */
public final class RouteTokenVerifier implements AutoCloseable {

    private final AccessTokenVerifier jwts;
    private final TokenMetrics metrics;
    private final Map<String, AuthorizationServerConfig> serversByName = new HashMap<>();
    private final Map<String, TokenIntrospector> introspectors = new HashMap<>();

    public RouteTokenVerifier(
            Collection<AuthorizationServerConfig> servers,
            WebClient webClient,
            TokenVerifierSettings settings,
            Clock clock) {
        this(servers, webClient, settings, clock, TokenMetrics.NONE);
    }

    public RouteTokenVerifier(
            Collection<AuthorizationServerConfig> servers,
            WebClient webClient,
            TokenVerifierSettings settings,
            Clock clock,
            TokenMetrics metrics) {
        this.metrics = metrics;
        this.jwts = new AccessTokenVerifier(servers, webClient, settings, clock, metrics);
        for (AuthorizationServerConfig server : servers) {
            serversByName.put(server.name(), server);
            if (server.introspection() != null) {
                introspectors.put(server.name(), new TokenIntrospector(server, webClient, settings, clock, metrics));
            }
        }
    }

    /** Lazy: nothing happens until subscription. */
    public Mono<TokenPrincipal> verify(String token, RouteConfig route) {
        return verify(token, route.authorizationServers(), route.acceptedAudiences());
    }

    /**
     * @param trustedServerNames the route's authorization servers, in its order; unknown names trust nothing
     * @param acceptedAudiences  the route's resource URI and extra audiences
     */
    public Mono<TokenPrincipal> verify(String token, List<String> trustedServerNames, Set<String> acceptedAudiences) {
        return Mono.defer(() -> {
            if (token == null || token.isBlank()) {
                return Mono.error(TokenRejection.MALFORMED.exception());
            }
            Mono<TokenPrincipal> verifiedBefore = jwts.verifyCached(token, trustedServerNames, acceptedAudiences);
            metrics.cacheLookup(verifiedBefore != null);
            if (verifiedBefore != null) {
                return verifiedBefore;
            }
            List<AuthorizationServerConfig> trusted = trustedServerNames.stream()
                    .map(serversByName::get)
                    .filter(Objects::nonNull)
                    .toList();
            TokenShape shape = TokenShape.of(token);
            TokenDispatch.Decision decision = TokenDispatch.decide(shape, trusted);
            if (decision instanceof TokenDispatch.Introspect introspect) {
                return introspect(token, introspect.servers(), acceptedAudiences);
            }
            if (decision instanceof TokenDispatch.Reject reject) {
                return Mono.error(reject.rejection().exception());
            }
            return jwts.verifyPrincipalNotCached(token, shape, trustedServerNames, acceptedAudiences);
        });
    }

    private Mono<TokenPrincipal> introspect(
            String token, List<AuthorizationServerConfig> servers, Set<String> acceptedAudiences) {
        return Flux.fromIterable(servers)
                .concatMap(server -> Objects.requireNonNull(
                                introspectors.get(server.name()), "dispatched to introspection: one is configured")
                        .introspect(token, acceptedAudiences)
                        .map(active -> active.map(
                                        claims -> Attempt.active(TokenPrincipal.from(claims, server.claims())))
                                .orElse(Attempt.INACTIVE))
                        .onErrorResume(
                                AuthenticationServiceException.class, error -> Mono.just(Attempt.unavailable(error))))
                .takeUntil(attempt -> attempt.principal() != null)
                .collectList()
                .flatMap(RouteTokenVerifier::outcome);
    }

    private static Mono<TokenPrincipal> outcome(List<Attempt> attempts) {
        Attempt last = attempts.get(attempts.size() - 1);
        if (last.principal() != null) {
            return Mono.just(last.principal());
        }
        return attempts.stream()
                .map(Attempt::unavailable)
                .filter(Objects::nonNull)
                .findFirst()
                .<Mono<TokenPrincipal>>map(Mono::error)
                .orElseGet(() -> Mono.error(TokenRejection.INACTIVE.exception()));
    }

    /** The signing-key status of every authorization server whose JWTs are verified locally (for health). */
    public List<JwksKeySource.KeySetStatus> keySetStatus() {
        return jwts.keySetStatus();
    }

    /**
     * Keeps the signing keys {@code previous} (the verifier this one replaces, if any) has read for the servers both
     * have, configured alike: a reload that changes only other servers, as the warm-up does twice, reads them again
     * neither at once nor later than their periodic refresh. Call it before {@link #readKeysUntilRead}.
     */
    public RouteTokenVerifier continuingFrom(@Nullable RouteTokenVerifier previous) {
        if (previous != null) {
            jwts.continueFrom(previous.jwts);
        }
        return this;
    }

    /** Reads every locally verified server's key set now, retrying every {@code retry} until each was read once. */
    public RouteTokenVerifier readKeysUntilRead(java.time.Duration retry) {
        jwts.readKeysUntilRead(retry);
        return this;
    }

    /** Stops every periodic key refresh. */
    @Override
    public void close() {
        jwts.close();
    }

    /** One server's answer: active (a principal), inactive (neither set) or unreachable. */
    private record Attempt(
            @Nullable TokenPrincipal principal, @Nullable AuthenticationServiceException unavailable) {

        static final Attempt INACTIVE = new Attempt(null, null);

        static Attempt active(TokenPrincipal principal) {
            return new Attempt(principal, null);
        }

        static Attempt unavailable(AuthenticationServiceException error) {
            return new Attempt(null, error);
        }
    }
}
