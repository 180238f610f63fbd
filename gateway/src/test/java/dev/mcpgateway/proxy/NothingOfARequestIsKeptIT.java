package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.McpAuthGatewayApplication;
import dev.mcpgateway.support.SingleRoutePeers;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What the gateway keeps of a request: once the security chain has verified the bearer token, the token is gone from
 * the request, so no later step (inspection, policy, rate limits, the upstream call, an error answer, the audit line)
 * can forward, log or echo it and an open stream does not keep the credential; and once a call has finished,
 * nothing of it stays reachable, not even the first call on an upstream, whose client configuration the connection
 * pool keeps for as long as it lives.
 */
@SpringBootTest(classes = McpAuthGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(NothingOfARequestIsKeptIT.Probe.class)
class NothingOfARequestIsKeptIT {

    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";
    private static final SingleRoutePeers PEERS =
            SingleRoutePeers.start("nothing-of-a-request-is-kept-it", "/probed/mcp");

    /** How many Authorization fields the first step after the security chain saw, one entry per request. */
    static final List<Integer> AUTHORIZATION_FIELDS = new CopyOnWriteArrayList<>();

    /** Every exchange that reached the route's steps in this class (the one that created the pool among them). */
    static final List<WeakReference<ServerWebExchange>> EXCHANGES = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        PEERS.properties(registry);
    }

    @AfterAll
    static void stopPeers() {
        PEERS.close();
    }

    @Test
    void theVerifiedTokenIsGoneFromTheRequestForEveryStepAfterTheSecurityChain() {
        int before = AUTHORIZATION_FIELDS.size();

        call(PEERS.token("mcp:access")).expectStatus().isOk();

        assertThat(AUTHORIZATION_FIELDS.subList(before, AUTHORIZATION_FIELDS.size()))
                .as("Authorization fields left on the request (counted, so a failure never prints a token)")
                .containsExactly(0);
    }

    @Test
    void aRejectedTokenReachesNoStepAfterTheSecurityChain() {
        int before = AUTHORIZATION_FIELDS.size();

        call("not-a-valid-token").expectStatus().isUnauthorized();

        assertThat(AUTHORIZATION_FIELDS).hasSize(before);
    }

    @Test
    void noExchangeOfAFinishedCallStaysReachableNotEvenTheOneThatCreatedTheConnectionPool() {
        for (int i = 0; i < 3; i++) {
            call(PEERS.token("mcp:access")).expectStatus().isOk();
        }
        assertThat(EXCHANGES).hasSizeGreaterThanOrEqualTo(3);

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    System.gc();
                    assertThat(EXCHANGES.stream()
                                    .filter(ref -> ref.get() != null)
                                    .count())
                            .as("exchanges of finished calls still reachable")
                            .isZero();
                });
    }

    private static WebTestClient.ResponseSpec call(String token) {
        return PEERS.client()
                .post()
                .uri(PEERS.path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CALL)
                .exchange();
    }

    @TestConfiguration
    static class Probe {

        @Bean
        GlobalFilter requestProbe() {
            return new RequestProbe();
        }
    }

    /** The first of the route's steps, right after the security chain: notes what the request still carries. */
    static final class RequestProbe implements GlobalFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            AUTHORIZATION_FIELDS.add(exchange.getRequest()
                    .getHeaders()
                    .getOrEmpty(HttpHeaders.AUTHORIZATION)
                    .size());
            EXCHANGES.add(new WeakReference<>(exchange));
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
