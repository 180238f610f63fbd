package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.config.RedisUri;
import dev.mcpgateway.support.RedisTestServer;
import dev.mcpgateway.support.RequiresRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Both session stores keep the first binding of an id and never let a second principal take it over;
 * two Redis-backed stores (two gateway replicas) see the same bindings; an unreachable Redis is an
 * error, never an empty answer (which would read as "unknown session" and hide the outage).
 */
@RequiresRedis
class SessionStoreIT {

    private static final RedisTestServer REDIS = RedisTestServer.start();
    private static final SessionOwner ALICE = new SessionOwner("https://as.example", "alice");
    private static final SessionOwner BOB = new SessionOwner("https://as.example", "bob");

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void memoryStoreKeepsTheFirstOwnerAndForgetsRemovedSessions() {
        try (MemorySessionStore store = new MemorySessionStore(Duration.ofMinutes(5))) {
            assertFirstOwnerWins(store, store, "memory/s1");
        }
    }

    @Test
    void twoRedisStoresAgreeOnOwnersAndRemovals() {
        try (RedisSessionStore replicaA = redis(Duration.ofMinutes(5));
                RedisSessionStore replicaB = redis(Duration.ofMinutes(5))) {
            assertFirstOwnerWins(replicaA, replicaB, "redis/s1");
            SessionBinding legacy = new SessionBinding(ALICE, "/mcp/message?sessionId=x");
            StepVerifier.create(replicaA.bindIfAbsent("redis/legacy", legacy))
                    .expectNext(legacy)
                    .verifyComplete();
            StepVerifier.create(replicaB.find("redis/legacy"))
                    .expectNext(legacy)
                    .verifyComplete();
        }
    }

    @Test
    void replicasSharingARedisStoreAgreeOnTheFirstReplicasSecretAndAMemoryStoreKeepsItsOwn() {
        byte[] first = {1, 2, 3, 4};
        byte[] second = {9, 9, 9, 9};
        try (RedisSessionStore replicaA = redis(Duration.ofMinutes(5));
                RedisSessionStore replicaB = redis(Duration.ofMinutes(5));
                MemorySessionStore alone = new MemorySessionStore(Duration.ofMinutes(5))) {
            assertThat(replicaA.sharedSecret("agree-test", first).block(Duration.ofSeconds(5)))
                    .containsExactly(first);
            assertThat(replicaB.sharedSecret("agree-test", second).block(Duration.ofSeconds(5)))
                    .containsExactly(first);
            assertThat(replicaA.sharedSecret("other-name", second).block(Duration.ofSeconds(5)))
                    .containsExactly(second);
            assertThat(alone.sharedSecret("agree-test", second).block(Duration.ofSeconds(5)))
                    .containsExactly(second);
        }
    }

    @Test
    void redisBindingsExpireWhenUnusedAndLiveOnWhileUsed() {
        try (RedisSessionStore store = redis(Duration.ofSeconds(2))) {
            store.bindIfAbsent("ttl/used", SessionBinding.of(ALICE)).block(Duration.ofSeconds(5));
            store.bindIfAbsent("ttl/idle", SessionBinding.of(ALICE)).block(Duration.ofSeconds(5));
            long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(store.find("ttl/used").block(Duration.ofSeconds(5))).isNotNull();
                await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            }
            assertThat(store.find("ttl/idle").block(Duration.ofSeconds(5))).isNull();
        }
    }

    @Test
    void unreachableRedisIsAnErrorAndTheStoreRecoversWhenItReturns() {
        try (RedisSessionStore store = redis(Duration.ofMinutes(5))) {
            store.bindIfAbsent("outage/s1", SessionBinding.of(ALICE)).block(Duration.ofSeconds(5));
            REDIS.stop();
            try {
                StepVerifier.create(store.find("outage/s1")).expectError().verify(Duration.ofSeconds(10));
            } finally {
                REDIS.startProcess();
            }
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> StepVerifier.create(store.bindIfAbsent("outage/s2", SessionBinding.of(BOB)))
                            .expectNext(SessionBinding.of(BOB))
                            .verifyComplete());
        }
    }

    private static void assertFirstOwnerWins(SessionStore writer, SessionStore reader, String key) {
        StepVerifier.create(writer.bindIfAbsent(key, SessionBinding.of(ALICE)))
                .expectNext(SessionBinding.of(ALICE))
                .verifyComplete();
        StepVerifier.create(reader.bindIfAbsent(key, SessionBinding.of(BOB)))
                .expectNext(SessionBinding.of(ALICE))
                .verifyComplete();
        StepVerifier.create(reader.find(key))
                .expectNext(SessionBinding.of(ALICE))
                .verifyComplete();
        StepVerifier.create(reader.remove(key)).verifyComplete();
        StepVerifier.create(writer.find(key)).verifyComplete();
    }

    private static RedisSessionStore redis(Duration ttl) {
        return new RedisSessionStore(RedisUri.parse(REDIS.uri()), ttl);
    }
}
