package dev.mcpgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** Per-tenant and per-tool limits with buckets in memory (the default store). */
class TenantRateLimitIT extends MemoryRateLimitIntegrationTest {

    @Test
    void capacityNRequestsPassThenTheNextGets429WithRetryAfterAndPassesAgainAfterTheRefill() {
        String token = AUTHORIZATION_SERVER.token(
                BASE_URL + "/refill/mcp", "mcp:access", claims -> claims.claim("client_id", uniqueTenant()));
        assertThat(status("/refill/mcp", token)).isEqualTo(200);
        assertThat(status("/refill/mcp", token)).isEqualTo(200);

        EntityExchangeResult<String> refused = post("/refill/mcp", token)
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectBody(String.class)
                .returnResult();
        long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).as("one token comes back every 2 s").isBetween(1L, 2L);
        long refusedAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(retryAfter + 3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> status("/refill/mcp", token) == 200);
        assertThat(Duration.ofNanos(System.nanoTime() - refusedAt))
                .as("passes again after Retry-After, not long after it")
                .isLessThan(Duration.ofSeconds(retryAfter + 2));
    }

    @Test
    void exhaustingOneTenantLeavesAnotherUntouched() {
        String noisy = tokenForTenant("/limited/mcp", uniqueTenant());
        String quiet = tokenForTenant("/limited/mcp", uniqueTenant());
        List<Integer> noisyStatuses = IntStream.range(0, 5)
                .mapToObj(i -> status("/limited/mcp", noisy))
                .toList();
        assertThat(noisyStatuses).containsExactly(200, 200, 200, 429, 429);
        assertThat(IntStream.range(0, 3)
                        .mapToObj(i -> status("/limited/mcp", quiet))
                        .toList())
                .containsExactly(200, 200, 200);
    }

    @Test
    void tenantOverrideGetsItsLargerCapacity() {
        String big = tokenForTenant("/limited/mcp", "big");
        List<Integer> statuses =
                IntStream.range(0, 7).mapToObj(i -> status("/limited/mcp", big)).toList();
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 429);
    }

    @Test
    void perToolLimitTripsBeforeTheTenantLimit() {
        String token = tokenForTenant("/limited/mcp", uniqueTenant());
        assertThat(sendStatus("/limited/mcp", token, toolCall("expensive"))).isEqualTo(200);
        send("/limited/mcp", token, toolCall("expensive"))
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .valueEquals(RateLimitHeaders.POLICY, "\"tool\";q=1;w=3600")
                .expectBody()
                .jsonPath("$.error.data.limit")
                .isEqualTo("tool");
        // The refused tool call did not spend the tenant's tokens: 2 of 3 are left for other calls.
        assertThat(sendStatus("/limited/mcp", token, toolCall("cheap"))).isEqualTo(200);
        assertThat(status("/limited/mcp", token)).isEqualTo(200);
        assertThat(status("/limited/mcp", token)).isEqualTo(429);
    }

    @Test
    void jsonRpcRefusalCarriesTheRequestIdAndRetryDelayAndNeverReachesTheUpstream() {
        String token = tokenForTenant("/limited/mcp", uniqueTenant());
        IntStream.range(0, 3)
                .forEach(i -> assertThat(status("/limited/mcp", token)).isEqualTo(200));
        int upstreamBefore = UPSTREAM.count();

        send("/limited/mcp", token, pingWithId("42"))
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectHeader()
                .doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.jsonrpc")
                .isEqualTo("2.0")
                .jsonPath("$.id")
                .isEqualTo(42)
                .jsonPath("$.error.code")
                .isEqualTo(-32000)
                .jsonPath("$.error.data.limit")
                .isEqualTo("tenant")
                .jsonPath("$.error.data.retryAfterSeconds")
                .isNumber();
        send("/limited/mcp", token, pingWithId("\"req-abc\""))
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo("req-abc");

        assertThat(UPSTREAM.count())
                .as("refused requests never reach the upstream")
                .isEqualTo(upstreamBefore);
    }

    @Test
    void responsesCarryTheIetfRateLimitFields() {
        String token = tokenForTenant("/limited/mcp", uniqueTenant());
        post("/limited/mcp", token)
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(RateLimitHeaders.POLICY, "\"tenant\";q=3;w=10800")
                .expectHeader()
                .valueEquals(RateLimitHeaders.STATE, "\"tenant\";r=2;t=3600");
        post("/limited/mcp", token).expectStatus().isOk();
        post("/limited/mcp", token).expectStatus().isOk();
        EntityExchangeResult<byte[]> refused = post("/limited/mcp", token)
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectBody()
                .returnResult();
        String retryAfter = refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        assertThat(Long.parseLong(retryAfter)).isBetween(3590L, 3600L);
        assertThat(refused.getResponseHeaders().getFirst(RateLimitHeaders.STATE))
                .as("t names the same moment as Retry-After")
                .isEqualTo("\"tenant\";r=0;t=" + retryAfter);
    }

    @Test
    void longLivedGetStreamCostsOneTokenWhenItOpens() {
        String token = tokenForTenant("/limited/mcp", uniqueTenant());
        List<String> events = client().get()
                .uri("/limited/mcp")
                .headers(h -> h.setBearerAuth(token))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(RateLimitHeaders.STATE, "\"tenant\";r=2;t=3600")
                .returnResult(String.class)
                .getResponseBody()
                .collectList()
                .block(Duration.ofSeconds(20));
        assertThat(events).hasSize(5);
        assertThat(status("/limited/mcp", token)).isEqualTo(200);
        assertThat(status("/limited/mcp", token)).isEqualTo(200);
        assertThat(status("/limited/mcp", token)).isEqualTo(429);
    }

    @Test
    void routeWithoutRateLimitIsNotLimited() {
        String token = AUTHORIZATION_SERVER.token(BASE_URL + "/open/mcp", "mcp:access");
        IntStream.range(0, 10)
                .forEach(i -> post("/open/mcp", token)
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .doesNotExist(RateLimitHeaders.STATE));
    }

    @Test
    void reloadChangesAPlanAndKeepsTheStateOfBucketsWhosePlanDidNotChange() {
        String exhausted = tokenForTenant("/limited/mcp", uniqueTenant());
        IntStream.range(0, 3)
                .forEach(i -> assertThat(status("/limited/mcp", exhausted)).isEqualTo(200));
        String reloaded = tokenForTenant("/limited/mcp", "reloaded");
        assertThat(List.of(
                        status("/limited/mcp", reloaded),
                        status("/limited/mcp", reloaded),
                        status("/limited/mcp", reloaded)))
                .containsExactly(200, 200, 429);

        writeRoutes(routes(4));
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status("/limited/mcp", reloaded) == 200);
        assertThat(List.of(
                        status("/limited/mcp", reloaded),
                        status("/limited/mcp", reloaded),
                        status("/limited/mcp", reloaded),
                        status("/limited/mcp", reloaded)))
                .as("the changed plan starts afresh with its new capacity 4")
                .containsExactly(200, 200, 200, 429);
        assertThat(status("/limited/mcp", exhausted))
                .as("an unchanged plan keeps its bucket")
                .isEqualTo(429);
        writeRoutes(routes(2));
    }
}
