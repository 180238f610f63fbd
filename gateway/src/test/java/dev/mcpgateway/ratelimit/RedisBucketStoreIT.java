package dev.mcpgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.config.RateLimitPlan;
import dev.mcpgateway.ratelimit.Consumption.Verdict;
import dev.mcpgateway.support.RedisTestServer;
import dev.mcpgateway.support.RequiresRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Redis store against a real redis-server: shared buckets, expiring keys, fast failure and recovery. */
@RequiresRedis
class RedisBucketStoreIT {

    private static final RedisTestServer REDIS = RedisTestServer.start();
    private static final RateLimitPlan THREE_PER_HOUR = new RateLimitPlan(3, 1, Duration.ofHours(1));
    private static final Duration WAIT = Duration.ofSeconds(5);

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void twoStoresOnOneRedisShareOneBucket() {
        try (RedisBucketStore first = new RedisBucketStore(URI.create(REDIS.uri()));
                RedisBucketStore second = new RedisBucketStore(URI.create(REDIS.uri()))) {
            String key = "test:" + UUID.randomUUID();
            assertThat(consume(first, key).remaining()).isEqualTo(2);
            assertThat(consume(second, key).remaining()).isEqualTo(1);
            assertThat(consume(first, key).verdict()).isEqualTo(Verdict.CONSUMED);
            Consumption refused = consume(second, key);
            assertThat(refused.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(Duration.ofNanos(refused.nanosToRetry())).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
        }
    }

    @Test
    void bucketKeysExpireOnceTheBucketWouldBeFullAgain() {
        try (RedisBucketStore store = new RedisBucketStore(URI.create(REDIS.uri()));
                RedisClient raw = RedisClient.create(REDIS.uri());
                StatefulRedisConnection<String, String> connection = raw.connect()) {
            String key = "test:" + UUID.randomUUID();
            consume(store, key);
            Long ttl = connection.sync().pttl(key);
            assertThat(Duration.ofMillis(ttl))
                    .as("one token to refill (1 h) plus a margin")
                    .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        }
    }

    @Test
    void operationsFailFastWhileRedisIsDownAndSucceedOnceItIsBack() {
        try (RedisBucketStore store = new RedisBucketStore(URI.create(REDIS.uri()))) {
            String key = "test:" + UUID.randomUUID();
            assertThat(consume(store, key).consumed()).isTrue();
            REDIS.stop();
            try {
                long started = System.nanoTime();
                assertThatThrownBy(() -> store.tryConsume(key, THREE_PER_HOUR).block(WAIT))
                        .isNotNull();
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .isLessThan(CurrentRateLimitStore.OPERATION_TIMEOUT.plusSeconds(1));
            } finally {
                REDIS.startProcess();
            }
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> consume(store, key).consumed());
        }
    }

    @Test
    void aStoreCreatedWhileRedisIsDownConnectsWhenItComesUp() {
        REDIS.stop();
        try (RedisBucketStore store = new RedisBucketStore(URI.create(REDIS.uri()))) {
            try {
                assertThatThrownBy(() -> store.ping().block(WAIT)).isNotNull();
            } finally {
                REDIS.startProcess();
            }
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> consume(store, "test:" + UUID.randomUUID()).consumed());
        }
    }

    private static Consumption consume(RedisBucketStore store, String key) {
        return store.tryConsume(key, THREE_PER_HOUR).block(WAIT);
    }
}
