package dev.mcpgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.RedisTestServer;
import dev.mcpgateway.support.RequiresRedis;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two gateway replicas (two application contexts on two ports) with the same routes.yaml share one
 * real Redis: together they accept no more than the shared capacity, however requests are spread.
 */
@RequiresRedis
class SharedRedisRateLimitIT {

    private static final int CAPACITY = 10;
    private static final RedisTestServer REDIS = RedisTestServer.start();
    private static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();
    private static final ScriptedUpstream UPSTREAM = TestPeers.startUpstream();
    /** Both replicas serve the same public URL, as behind a load balancer; tokens carry its resource URI. */
    private static final String PUBLIC_BASE_URL = "https://mcp.example.com";

    private static ConfigurableApplicationContext replicaA;
    private static ConfigurableApplicationContext replicaB;
    private static WebTestClient clientA;
    private static WebTestClient clientB;

    @BeforeAll
    static void startReplicas() {
        Path routes = GatewayUnderTest.writeRoutes("shared-redis-it", """
                gateway:
                  public-base-url: %s
                  rate-limit-store: %s
                  # A slow Redis may then only under-admit, so "never more than the capacity" holds strictly.
                  rate-limit-on-store-failure: deny
                  authorization-servers:
                    test: { issuer: %s, jwks-uri: %s }
                routes:
                  - id: shared
                    path: /shared/mcp
                    upstream: %s
                    authorization-servers: [test]
                    tenant-claim: org_id
                    rate-limit:
                      default: { capacity: %d, refill: 1/1h }
                """.formatted(
                        PUBLIC_BASE_URL,
                        REDIS.uri(),
                        AUTHORIZATION_SERVER.issuer(),
                        AUTHORIZATION_SERVER.jwksUri(),
                        UPSTREAM.mcpUrl(),
                        CAPACITY));
        int portA = TestPeers.freePort();
        int portB = TestPeers.freePort();
        replicaA = start(routes, portA);
        replicaB = start(routes, portB);
        clientA = client(portA);
        clientB = client(portB);
    }

    @AfterAll
    static void stopEverything() {
        if (replicaB != null) {
            replicaB.close();
        }
        if (replicaA != null) {
            replicaA.close();
        }
        REDIS.close();
        UPSTREAM.close();
        AUTHORIZATION_SERVER.close();
    }

    @Test
    void requestsAlternatingBetweenReplicasShareOneBucket() {
        String token = tokenForTenant(UUID.randomUUID().toString());
        List<Integer> statuses = IntStream.range(0, CAPACITY + 4)
                .mapToObj(i -> status(i % 2 == 0 ? clientA : clientB, token).block(Duration.ofSeconds(20)))
                .toList();
        assertThat(statuses.subList(0, CAPACITY)).containsOnly(200);
        assertThat(statuses.subList(CAPACITY, statuses.size()))
                .as("both replicas refuse once the shared bucket is empty")
                .containsOnly(429);
    }

    @Test
    void concurrentBurstAcrossBothReplicasNeverExceedsTheSharedCapacity() {
        String token = tokenForTenant(UUID.randomUUID().toString());
        Map<Integer, Long> byStatus = Flux.range(0, 6 * CAPACITY)
                .flatMap(i -> status(i % 2 == 0 ? clientA : clientB, token), 12)
                .collectList()
                .block(Duration.ofSeconds(60))
                .stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long accepted = byStatus.getOrDefault(200, 0L);
        assertThat(byStatus.keySet())
                .as("only accepted, refused, or (Redis too slow, deny policy) unavailable")
                .isSubsetOf(200, 429, 503);
        assertThat(accepted).as("accepted across both replicas").isLessThanOrEqualTo(CAPACITY);
        assertThat(accepted + byStatus.getOrDefault(503, 0L))
                .as("every token was used or its store call failed")
                .isGreaterThanOrEqualTo(CAPACITY);
    }

    private static ConfigurableApplicationContext start(Path routes, int port) {
        return StandaloneGateway.start(routes, port);
    }

    private static WebTestClient client(int port) {
        return GatewayUnderTest.client("http://127.0.0.1:" + port);
    }

    private static String tokenForTenant(String tenant) {
        return AUTHORIZATION_SERVER.token(
                PUBLIC_BASE_URL + "/shared/mcp", "mcp:access", claims -> claims.claim("org_id", tenant));
    }

    private static Mono<Integer> status(WebTestClient client, String token) {
        return Mono.fromCallable(() -> client.post()
                        .uri("/shared/mcp")
                        .headers(h -> h.setBearerAuth(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                        .exchange()
                        .expectBody()
                        .returnResult()
                        .getStatus()
                        .value())
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
    }
}
