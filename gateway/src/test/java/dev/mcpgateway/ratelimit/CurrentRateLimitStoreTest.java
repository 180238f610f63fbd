package dev.mcpgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.GatewayRateLimits.OnStoreFailure;
import dev.mcpgateway.config.RateLimitPlan;
import dev.mcpgateway.config.RoutesFileParser;
import dev.mcpgateway.ratelimit.Consumption.Verdict;
import dev.mcpgateway.support.RoutesSchema;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Switching stores on reload, keeping them otherwise, and turning store failures into an outage. */
class CurrentRateLimitStoreTest {

    private static final RateLimitPlan ONE = new RateLimitPlan(1, 1, Duration.ofHours(1));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<FakeStore> redisStores = new ArrayList<>();
    private Path file;

    @Test
    void aReloadThatKeepsTheStoreKeepsItsBuckets() throws IOException {
        GatewayConfigStore configs = configs("memory", "allow");
        CurrentRateLimitStore store = store(configs);
        assertThat(consume(store, "k").verdict()).isEqualTo(Verdict.CONSUMED);
        rewrite(configs, "memory", "deny");
        assertThat(consume(store, "k").verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(store.policy()).isEqualTo(OnStoreFailure.DENY);
    }

    @Test
    void aReloadToAnotherStoreSwitchesAndClosesTheOldOne() throws IOException {
        GatewayConfigStore configs = configs("redis://one:6379", "allow");
        CurrentRateLimitStore store = store(configs);
        rewrite(configs, "redis://one:6379", "deny");
        assertThat(redisStores).as("only the policy changed").hasSize(1);
        rewrite(configs, "redis://two:6379", "deny");
        assertThat(redisStores).hasSize(2);
        assertThat(redisStores.get(0).closed).isTrue();
        assertThat(store.description()).isEqualTo("redis://two:6379");
        rewrite(configs, "memory", "deny");
        assertThat(redisStores.get(1).closed).isTrue();
        assertThat(consume(store, "k").consumed()).isTrue();
    }

    @Test
    void aFailingStoreAnswersStoreUnavailableAndIsCountedUntilItAnswersAgain() throws IOException {
        CurrentRateLimitStore store = store(configs("redis://one:6379", "allow"));
        FakeStore redis = redisStores.get(0);
        redis.failure = new IOException("Connection refused");
        assertThat(consume(store, "k").verdict()).isEqualTo(Verdict.STORE_UNAVAILABLE);
        assertThat(consume(store, "k").verdict()).isEqualTo(Verdict.STORE_UNAVAILABLE);
        assertThat(store.available()).isFalse();
        assertThat(registry.get(RateLimitMetrics.STORE_FAILURES)
                        .tag("store", "redis")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(RateLimitMetrics.STORE_AVAILABLE).gauge().value())
                .isZero();

        redis.failure = null;
        assertThat(consume(store, "k").consumed()).isTrue();
        assertThat(store.available()).isTrue();
        assertThat(registry.get(RateLimitMetrics.STORE_AVAILABLE).gauge().value())
                .isEqualTo(1);
    }

    @Test
    void aStoreThatNeverAnswersTimesOut() throws IOException {
        CurrentRateLimitStore store = store(configs("redis://one:6379", "allow"));
        redisStores.get(0).hang = true;
        assertThat(store.tryConsume("k", ONE).block(Duration.ofSeconds(10)).verdict())
                .isEqualTo(Verdict.STORE_UNAVAILABLE);
    }

    private CurrentRateLimitStore store(GatewayConfigStore configs) {
        RateLimitMetrics metrics = new RateLimitMetrics(registry);
        CurrentRateLimitStore store = new CurrentRateLimitStore(
                configs,
                new LocalBucketStore(100, TimeMeter.SYSTEM_MILLISECONDS),
                uri -> {
                    FakeStore fake = new FakeStore();
                    redisStores.add(fake);
                    return fake;
                },
                metrics,
                new StoreOutageLog(Clock.systemUTC()));
        metrics.storeAvailability(store);
        return store;
    }

    private static Consumption consume(CurrentRateLimitStore store, String key) {
        return store.tryConsume(key, ONE).block(Duration.ofSeconds(5));
    }

    private GatewayConfigStore configs(String store, String policy) throws IOException {
        file = Files.createTempDirectory("current-store").resolve("routes.yaml");
        Files.writeString(file, RoutesSchema.valid(yaml(store, policy)));
        return new GatewayConfigStore(file, new RoutesFileParser(Map.<String, String>of()::get));
    }

    private void rewrite(GatewayConfigStore configs, String store, String policy) throws IOException {
        Files.writeString(file, RoutesSchema.valid(yaml(store, policy)));
        assertThat(configs.reload()).isTrue();
    }

    private static String yaml(String store, String policy) {
        return """
                gateway:
                  public-base-url: https://mcp.example.com
                  rate-limit-store: %s
                  rate-limit-on-store-failure: %s
                  authorization-servers: { corp: { issuer: https://auth.example.com } }
                routes:
                  - { id: r, path: /r/mcp, upstream: "http://r.internal/mcp", authorization-servers: [corp] }
                """.formatted(store, policy);
    }

    /** A stand-in for Redis that answers "consumed", fails, or never answers. */
    private static final class FakeStore implements RateLimitStore {
        volatile Throwable failure;
        volatile boolean hang;
        volatile boolean closed;

        @Override
        public Mono<Consumption> tryConsume(String key, RateLimitPlan plan, long tokens) {
            if (hang) {
                return Mono.never();
            }
            return failure != null ? Mono.error(failure) : Mono.just(new Consumption(Verdict.CONSUMED, 0, 0, 0));
        }

        @Override
        public Mono<Void> refund(String key, RateLimitPlan plan, long tokens) {
            return failure != null ? Mono.error(failure) : Mono.empty();
        }

        @Override
        public Mono<Void> ping() {
            return failure != null ? Mono.error(failure) : Mono.empty();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
