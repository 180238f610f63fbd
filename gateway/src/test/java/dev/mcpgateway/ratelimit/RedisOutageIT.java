package dev.mcpgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.McpAuthGatewayApplication;
import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.RedisTestServer;
import dev.mcpgateway.support.RequiresRedis;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Redis stopped in the middle of a test: the configured outage policy is applied ({@code allow}, then
 * {@code deny} after a reload), the outage shows in metrics, health and one log line, and limits
 * resume when Redis is back.
 */
@SpringBootTest(classes = McpAuthGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ExtendWith(OutputCaptureExtension.class)
@RequiresRedis
class RedisOutageIT {

    private static final RedisTestServer REDIS = RedisTestServer.start();
    private static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();
    private static final ScriptedUpstream UPSTREAM = TestPeers.startUpstream();
    private static final int PORT = TestPeers.freePort();
    private static final String BASE_URL = "http://127.0.0.1:" + PORT;
    private static final Path ROUTES_FILE = GatewayUnderTest.writeRoutes("redis-outage-it", routes("allow"));
    private static final String OUTAGE_WARNING =
            "Rate-limit store redis://127.0.0.1:" + REDIS.port() + " is unavailable";

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        GatewayUnderTest.properties(registry, ROUTES_FILE::toString, PORT);
        registry.add("gateway.routes-file-poll-interval", () -> "300ms");
        // Health components are hidden by default (application.yml); this test reads one.
        registry.add("management.endpoint.health.show-components", () -> "always");
    }

    @AfterAll
    static void stopPeers() {
        REDIS.close();
        UPSTREAM.close();
        AUTHORIZATION_SERVER.close();
    }

    @Test
    void redisOutageAppliesThePolicyIsVisibleAndLimitsResumeWhenRedisReturns(CapturedOutput output) {
        String exhausted = token(UUID.randomUUID().toString());
        assertThat(statuses(exhausted, 4)).as("Redis up: capacity 3").containsExactly(200, 200, 200, 429);
        assertThat(healthStatus()).isEqualTo(200);

        REDIS.stop();
        try {
            double failuresBefore = storeFailures();
            assertThat(statuses(exhausted, 10))
                    .as("policy allow: the exhausted tenant passes while Redis is away")
                    .containsOnly(200);
            assertThat(storeFailures() - failuresBefore).isGreaterThanOrEqualTo(10);
            assertThat(meters.get(RateLimitMetrics.STORE_AVAILABLE).gauge().value())
                    .isZero();
            assertThat(healthStatus()).as("rateLimitStore health component").isEqualTo(503);
            assertThat(output.getOut().split(OUTAGE_WARNING, -1))
                    .as("one warning, not one per request")
                    .hasSize(2);

            writeRoutes("deny");
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> statuses(exhausted, 1).get(0) == 503);
            post(exhausted)
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .exists(HttpHeaders.RETRY_AFTER)
                    .expectBody()
                    .jsonPath("$.error.code")
                    .isEqualTo(-32000);
        } finally {
            REDIS.startProcess();
        }

        String fresh = token(UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> statuses(fresh, 1).get(0) == 200);
        assertThat(statuses(fresh, 3)).as("limits resume with Redis").containsExactly(200, 200, 429);
        assertThat(healthStatus()).isEqualTo(200);
        assertThat(meters.get(RateLimitMetrics.STORE_AVAILABLE).gauge().value()).isEqualTo(1.0);
        assertThat(output.getOut()).contains("Rate-limit store redis://127.0.0.1:" + REDIS.port() + " answers again");
    }

    private double storeFailures() {
        var counter = meters.find(RateLimitMetrics.STORE_FAILURES)
                .tag("store", "redis")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<Integer> statuses(String token, int count) {
        return IntStream.range(0, count)
                .mapToObj(
                        i -> post(token).expectBody().returnResult().getStatus().value())
                .toList();
    }

    private static WebTestClient.ResponseSpec post(String token) {
        return client().post()
                .uri("/redis/mcp")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}")
                .exchange();
    }

    private static int healthStatus() {
        return client().get()
                .uri("/actuator/health/rateLimitStore")
                .exchange()
                .expectBody()
                .returnResult()
                .getStatus()
                .value();
    }

    private static WebTestClient client() {
        return GatewayUnderTest.client(BASE_URL);
    }

    private static String token(String tenant) {
        return AUTHORIZATION_SERVER.token(
                BASE_URL + "/redis/mcp", "mcp:access", claims -> claims.claim("org_id", tenant));
    }

    private static void writeRoutes(String policy) {
        GatewayUnderTest.replaceRoutes(ROUTES_FILE, routes(policy));
    }

    private static String routes(String policy) {
        return """
                gateway:
                  public-base-url: %s
                  rate-limit-store: %s
                  rate-limit-on-store-failure: %s
                  authorization-servers:
                    test: { issuer: %s, jwks-uri: %s }
                routes:
                  - id: redis
                    path: /redis/mcp
                    upstream: %s
                    authorization-servers: [test]
                    tenant-claim: org_id
                    rate-limit:
                      default: { capacity: 3, refill: 1/1h }
                """.formatted(
                        BASE_URL,
                        REDIS.uri(),
                        policy,
                        AUTHORIZATION_SERVER.issuer(),
                        AUTHORIZATION_SERVER.jwksUri(),
                        UPSTREAM.mcpUrl());
    }
}
