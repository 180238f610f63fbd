package dev.mcpgateway.token;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The signing keys one authorization server publishes at its {@code jwks_uri} (RFC 7517 §5, RFC 8414 §2), cached.
 *
 * <ul>
 *   <li>The first fetch happens on first use, never at construction, and never blocks a caller's thread.</li>
 *   <li>After that the set is re-read every {@code jwksRefreshInterval}, so retired keys stop being trusted.</li>
 *   <li>A {@code kid} missing from the cache triggers a refetch at most once per {@code jwksMinRefetchInterval}
 *       (measured on the injected clock), shared by all concurrent callers: forged tokens with random {@code kid}s
 *       cannot turn the gateway into a request amplifier against the authorization server.</li>
 *   <li>A failed fetch keeps the keys read before, so an outage of the endpoint does not stop valid tokens.</li>
 * </ul>
 * Spring Security's {@code ReactiveRemoteJWKSource} has none of these bounds, hence this class.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-2">RFC 8414 §2</a>
 */
public final class JwksKeySource implements AutoCloseable {

    private static final String KEYS_UNAVAILABLE = "The signing keys of the token issuer are unavailable";

    private static final Logger log = LoggerFactory.getLogger(JwksKeySource.class);
    private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

    private final String serverName;
    private final Mono<URI> jwksUriLookup;
    private final WebClient webClient;
    private final Duration httpTimeout;
    private final Duration minRefetchInterval;
    private final Clock clock;
    private final Disposable periodicRefresh;
    private final Counter fetched;
    private final Counter failed;
    /** Retries the first read (readiness waits for it); disposed once a key set was read, or on close. */
    private volatile @Nullable Disposable firstRead;

    private final Object fetchLock = new Object();

    private volatile @Nullable SigningKeys keys;
    private volatile @Nullable URI jwksUri;
    private volatile @Nullable Instant lastSuccess;
    private volatile @Nullable Instant lastFailure;
    /** Guarded by {@link #fetchLock}. */
    private @Nullable CompletableFuture<SigningKeys> inFlight;
    /** Guarded by {@link #fetchLock}. */
    private @Nullable Instant lastFetchStarted;

    /**
     * @param serverName the configured name, for logs
     * @param jwksUri    the configured URI, or a discovery that is subscribed until it succeeds once
     */
    public JwksKeySource(
            String serverName, Mono<URI> jwksUri, WebClient webClient, TokenVerifierSettings settings, Clock clock) {
        this(serverName, jwksUri, webClient, settings, clock, TokenMetrics.NONE);
    }

    JwksKeySource(
            String serverName,
            Mono<URI> jwksUri,
            WebClient webClient,
            TokenVerifierSettings settings,
            Clock clock,
            TokenMetrics metrics) {
        this.fetched = metrics.jwksFetches(serverName, "success");
        this.failed = metrics.jwksFetches(serverName, "failure");
        this.serverName = serverName;
        this.jwksUriLookup = jwksUri;
        this.webClient = webClient;
        this.httpTimeout = settings.httpTimeout();
        this.minRefetchInterval = settings.jwksMinRefetchInterval();
        this.clock = clock;
        this.periodicRefresh = Flux.interval(settings.jwksRefreshInterval())
                .filter(tick -> keys != null)
                .subscribe(tick -> fetch(false));
    }

    /**
     * The published keys that match the JWS header ({@code alg} family, {@code kid}); empty when the issuer publishes
     * no such key, even after the refetch allowed for an unknown {@code kid}. Fails with an
     * {@link AuthenticationServiceException} only when no key set could be read yet.
     */
    public Mono<List<JWK>> keysFor(JWSHeader header) {
        return Mono.defer(() -> {
            SigningKeys known = keys;
            List<JWK> matching = known == null ? List.of() : known.matching(header);
            if (!matching.isEmpty()) {
                return Mono.just(matching);
            }
            return fetch(true)
                    .map(fresh -> fresh.matching(header))
                    .onErrorResume(error -> Mono.empty())
                    .switchIfEmpty(Mono.defer(() -> latestMatching(header)));
        });
    }

    /** How the last fetches went, for health reporting; never blocks. */
    public KeySetStatus status() {
        SigningKeys known = keys;
        return new KeySetStatus(serverName, known == null ? 0 : known.size(), lastSuccess, lastFailure);
    }

    /**
     * @param serverName  the configured name of the authorization server
     * @param keys        how many keys are cached
     * @param lastSuccess when the key set was last read, or {@code null}
     * @param lastFailure when reading it last failed, or {@code null}
     */
    public record KeySetStatus(
            String serverName,
            int keys,
            @Nullable Instant lastSuccess,
            @Nullable Instant lastFailure) {}

    /**
     * Reads the key set now instead of on the first token, retrying every {@code retry} until one read succeeds, so
     * that readiness can wait for it. Failures are logged like any refresh failure.
     */
    public void readUntilRead(Duration retry) {
        firstRead = Mono.defer(() -> lastSuccess != null ? Mono.empty() : fetch(false))
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, retry))
                .subscribe(keys -> {}, error -> {});
    }

    /**
     * Starts from the keys {@code earlier} has read: the same server's key set in the verifier this one's replaces
     * (a reload that changed other servers, e.g. the warm-up's overlay, which adds one and takes it away again). The
     * keys are then neither read again at once ({@link #readUntilRead} finds them read) nor missing while the
     * endpoint is down, and the bound on refetches for unknown {@code kid}s carries over. Called before this source is
     * used; nothing happens if {@code earlier} has read nothing.
     */
    void continueFrom(JwksKeySource earlier) {
        SigningKeys known = earlier.keys;
        if (known == null || keys != null) {
            return;
        }
        Instant fetchStarted;
        synchronized (earlier.fetchLock) {
            fetchStarted = earlier.lastFetchStarted;
        }
        synchronized (fetchLock) {
            lastFetchStarted = fetchStarted;
        }
        jwksUri = earlier.jwksUri;
        lastFailure = earlier.lastFailure;
        keys = known;
        lastSuccess = earlier.lastSuccess;
    }

    /** Stops the periodic refresh; keys already read stay usable. */
    @Override
    public void close() {
        periodicRefresh.dispose();
        Disposable reading = firstRead;
        if (reading != null) {
            reading.dispose();
        }
    }

    private Mono<List<JWK>> latestMatching(JWSHeader header) {
        SigningKeys latest = keys;
        return latest == null
                ? Mono.error(new AuthenticationServiceException(KEYS_UNAVAILABLE))
                : Mono.just(latest.matching(header));
    }

    /**
     * Joins the fetch in progress, or starts one; empty if {@code rateLimited} and the last fetch started less than
     * {@code jwksMinRefetchInterval} ago.
     */
    private Mono<SigningKeys> fetch(boolean rateLimited) {
        CompletableFuture<SigningKeys> started;
        synchronized (fetchLock) {
            if (inFlight != null && !inFlight.isDone()) {
                return Mono.fromFuture(inFlight, true);
            }
            Instant now = clock.instant();
            if (rateLimited && lastFetchStarted != null && now.isBefore(lastFetchStarted.plus(minRefetchInterval))) {
                return Mono.empty();
            }
            lastFetchStarted = now;
            started = new CompletableFuture<>();
            inFlight = started;
        }
        download()
                .subscribe(
                        fresh -> {
                            keys = fresh;
                            lastSuccess = clock.instant();
                            fetched.increment();
                            started.complete(fresh);
                        },
                        error -> {
                            lastFailure = clock.instant();
                            failed.increment();
                            logFailure(error);
                            started.completeExceptionally(error);
                        });
        return Mono.fromFuture(started, true);
    }

    private Mono<SigningKeys> download() {
        return resolveJwksUri()
                .flatMap(uri -> webClient
                        .get()
                        .uri(uri)
                        .accept(MediaType.APPLICATION_JSON, JWK_SET)
                        .retrieve()
                        .bodyToMono(String.class)
                        .timeout(httpTimeout)
                        .switchIfEmpty(
                                Mono.error(() -> new IllegalStateException("Empty JWK Set response from " + uri)))
                        .map(body -> parse(uri, body)));
    }

    private Mono<URI> resolveJwksUri() {
        URI known = jwksUri;
        return known != null ? Mono.just(known) : jwksUriLookup.doOnNext(found -> jwksUri = found);
    }

    private SigningKeys parse(URI uri, String body) {
        try {
            SigningKeys parsed = SigningKeys.from(JWKSet.parse(body));
            log.debug("Read {} signing keys of authorization server '{}' from {}", parsed.size(), serverName, uri);
            return parsed;
        } catch (ParseException e) {
            throw new IllegalStateException("Invalid JWK Set at " + uri + ": " + e.getMessage(), e);
        }
    }

    private void logFailure(Throwable error) {
        SigningKeys previous = keys;
        log.warn(
                "Could not read the signing keys of authorization server '{}': {}; {}",
                serverName,
                error.toString(),
                previous == null ? "no key is available yet" : "keeping the " + previous.size() + " keys read before");
    }
}
