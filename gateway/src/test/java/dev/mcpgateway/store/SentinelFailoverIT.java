package dev.mcpgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.support.RedisSentinelGroup;
import dev.mcpgateway.support.RequiresRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * A gateway whose rate-limit store and session store are one {@code redis-sentinel://} URL (a master, a replica and
 * three sentinels, real processes; the URL lists an unreachable sentinel first) lives through the master's crash:
 *
 * <ul>
 *   <li>while the master is gone and not yet replaced, every request is answered at once per the store-unavailable
 *       policy ({@code deny}: {@code 503} + {@code Retry-After}; a named session: {@code 503}), never left hanging;
 *   <li>once Sentinel has promoted the replica, the gateway follows by itself: a nearly empty bucket (replicated
 *       before the crash) is still nearly empty, and a session bound before the crash still belongs to its owner only.
 * </ul>
 *
 * Three sentinels with quorum 2 rather than one with quorum 1: the gateway must find the master through a list in
 * which some sentinels do not answer, as in production; forming the group costs about two seconds (sentinels discover
 * each other through the master every 2 s). To make the "master gone" phase observable by condition rather than by
 * luck, the sentinels' {@code down-after-milliseconds} is raised before the crash and lowered back to 1 s after the
 * requests of that phase; the failover that follows is Sentinel's own.
 */
@RequiresRedis(sentinel = true)
class SentinelFailoverIT {

    private static final Logger log = LoggerFactory.getLogger(SentinelFailoverIT.class);
    private static final Duration DOWN_AFTER = Duration.ofSeconds(1);
    /** Far above any store timeout (1 s for a bucket, 2 s for a session): a hang fails the request, not the wait. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private static final String RATE_LIMIT_UNAVAILABLE = "Rate limiting is temporarily unavailable; retry later";
    private static final String SESSION_STORE_UNAVAILABLE = "The session store is unavailable; retry later";

    private static RedisSentinelGroup redis;
    private static RedisBackedGateway gateway;

    @BeforeAll
    static void start() {
        redis = RedisSentinelGroup.start(3, 2, DOWN_AFTER);
        gateway = RedisBackedGateway.start(redis.uri(), "ha", """
                default: { capacity: 5, refill: 1/1h }
                tenants: { busy: { capacity: 10000, refill: 10000/1m } }
                """);
    }

    /** Runs even when {@link #start()} failed half-way: whatever was started is stopped. */
    @AfterAll
    static void stop() {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Test
    void masterCrashIsAnsweredPerPolicyThenLimitsAndSessionsCarryOnWithThePromotedReplica() {
        String alice = gateway.token("alice", "busy");
        String bob = gateway.token("bob", "busy");
        String scarce = gateway.token("carol", "scarce");
        String session = initialize(alice);
        assertThat(ping(alice, session).getStatus().value()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(ping(scarce, null).getStatus().value())
                    .as("scarce: 5 per hour")
                    .isEqualTo(200);
        }
        redis.awaitReplicated();

        redis.configure("down-after-milliseconds", "60000");
        redis.master().kill();
        long crashed = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertStoreUnavailable(ping(alice, session), SESSION_STORE_UNAVAILABLE);
            assertStoreUnavailable(ping(bob, null), RATE_LIMIT_UNAVAILABLE);
        }
        assertThat(redis.masterPortNamedBySentinels())
                .as("the sentinels still name the crashed master: every answer above was given without one")
                .isEqualTo(redis.master().port());

        redis.configure("down-after-milliseconds", String.valueOf(DOWN_AFTER.toMillis()));
        long released = System.nanoTime();
        List<EntityExchangeResult<String>> switching = new ArrayList<>();
        long[] promoted = {0};
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    EntityExchangeResult<String> withSession = ping(alice, session);
                    EntityExchangeResult<String> limited = ping(bob, null);
                    switching.add(withSession);
                    switching.add(limited);
                    if (promoted[0] == 0
                            && redis.masterPortNamedBySentinels()
                                    == redis.replica().port()) {
                        promoted[0] = System.nanoTime();
                    }
                    return withSession.getStatus().value() == 200
                            && limited.getStatus().value() == 200;
                });
        long recovered = System.nanoTime();
        redis.awaitPromotionOf(redis.replica(), Duration.ofSeconds(10));

        // The two stores reconnect independently: a request naming a session may pass the session store and then
        // meet the rate-limit store still reconnecting.
        assertThat(switching)
                .as("while the master switches: the store answers (200) or the policy does (503), nothing else")
                .allSatisfy(answer -> {
                    if (answer.getStatus().value() != 200) {
                        if (answer.getRequestHeaders().containsHeader("Mcp-Session-Id")) {
                            assertStoreUnavailable(answer, SESSION_STORE_UNAVAILABLE, RATE_LIMIT_UNAVAILABLE);
                        } else {
                            assertStoreUnavailable(answer, RATE_LIMIT_UNAVAILABLE);
                        }
                    }
                });
        assertThat(ping(scarce, null).getStatus().value())
                .as("the bucket replicated before the crash: one token left")
                .isEqualTo(200);
        assertThat(ping(scarce, null).getStatus().value()).as("and then none").isEqualTo(429);
        assertThat(ping(bob, session).getStatus().value())
                .as("the session bound before the crash still belongs to alice only")
                .isEqualTo(404);
        String fresh = initialize(bob);
        assertThat(ping(bob, fresh).getStatus().value())
                .as("new bindings go to the promoted master")
                .isEqualTo(200);

        log.info(
                "Sentinel failover: the sentinels named the replica {} ms and the stores answered again {} ms after "
                        + "they could judge the master down (down-after-milliseconds {} ms, so about {} ms from a "
                        + "crash); {} answers while switching, {} of them 503; {} ms from the crash including the "
                        + "held-off phase",
                promoted[0] == 0 ? "(not seen before recovery)" : millis(promoted[0] - released),
                millis(recovered - released),
                DOWN_AFTER.toMillis(),
                millis(recovered - released) + DOWN_AFTER.toMillis(),
                switching.size(),
                switching.stream()
                        .filter(answer -> answer.getStatus().value() == 503)
                        .count(),
                millis(recovered - crashed));
    }

    /** A {@code 503} with {@code Retry-After} and a JSON-RPC error carrying one of {@code messages}. */
    private static void assertStoreUnavailable(EntityExchangeResult<String> answer, String... messages) {
        assertThat(answer.getStatus().value()).isEqualTo(503);
        assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isNotNull();
        assertThat(answer.getResponseBody()).contains("\"code\":-32000").containsAnyOf(messages);
    }

    private static String initialize(String token) {
        EntityExchangeResult<String> answer = gateway.client(ANSWER_WITHIN)
                .post()
                .uri(gateway.path())
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        String session = answer.getResponseHeaders().getFirst("Mcp-Session-Id");
        assertThat(session).isNotNull();
        return session;
    }

    private static EntityExchangeResult<String> ping(String token, String session) {
        return gateway.client(ANSWER_WITHIN)
                .post()
                .uri(gateway.path())
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (session != null) {
                        h.set("Mcp-Session-Id", session);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
