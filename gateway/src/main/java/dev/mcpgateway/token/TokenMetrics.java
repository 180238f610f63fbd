package dev.mcpgateway.token;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;

/**
 * Micrometer meters of token validation, registered when the verifier is built (tags: fixed words and configured
 * authorization server names only):
 *
 * <ul>
 *   <li>{@value #CACHE} (counter; {@code result}: {@code hit}, {@code miss}): look-ups of the verified-token cache
 *       by digest; the hit ratio is {@code hit / (hit + miss)}.</li>
 *   <li>{@value #JWKS} (counter; {@code server}, {@code result}: {@code success}, {@code failure}): JWK Set reads.</li>
 *   <li>{@value #INTROSPECTION} (timer; {@code server}, {@code result}: {@code active}, {@code inactive},
 *       {@code error}): RFC 7662 introspection calls that reached the endpoint (cache hits are not calls).</li>
 * </ul>
 */
public final class TokenMetrics {

    static final String CACHE = "gateway.token.cache";
    static final String JWKS = "gateway.jwks.fetches";
    static final String INTROSPECTION = "gateway.introspection";

    /** A few fixed latency buckets up to the default introspection timeout (5 s). */
    private static final Duration[] INTROSPECTION_BUCKETS = {
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5)
    };

    /** Records nothing: for verifiers built outside the application (tests). */
    static final TokenMetrics NONE = new TokenMetrics(new CompositeMeterRegistry());

    private final MeterRegistry registry;
    private final Counter cacheHits;
    private final Counter cacheMisses;

    public TokenMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.cacheHits = cacheCounter("hit");
        this.cacheMisses = cacheCounter("miss");
    }

    void cacheLookup(boolean hit) {
        (hit ? cacheHits : cacheMisses).increment();
    }

    /** The JWK Set read counter of {@code server} for {@code result} ({@code success} or {@code failure}). */
    Counter jwksFetches(String server, String result) {
        return Counter.builder(JWKS)
                .description("JWK Set reads by authorization server and result")
                .tags("server", server, "result", result)
                .register(registry);
    }

    /** The introspection timer of {@code server} for {@code result}. */
    Timer introspection(String server, String result) {
        return Timer.builder(INTROSPECTION)
                .description("Token introspection calls by authorization server and result")
                .tags("server", server, "result", result)
                .serviceLevelObjectives(INTROSPECTION_BUCKETS)
                .register(registry);
    }

    private Counter cacheCounter(String result) {
        return Counter.builder(CACHE)
                .description("Verified-token cache look-ups by digest")
                .tag("result", result)
                .register(registry);
    }
}
