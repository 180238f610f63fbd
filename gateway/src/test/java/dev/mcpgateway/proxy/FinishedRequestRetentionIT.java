package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.McpAuthGatewayApplication;
import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
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
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Nothing of a finished request stays reachable in the gateway: not its exchange, and with it not its request, its
 * header fields or its principal. The first request on a route's upstream creates the connection pool, which keeps
 * the client configuration it was made with for as long as it lives; that configuration must hold no exchange.
 */
@SpringBootTest(classes = McpAuthGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(FinishedRequestRetentionIT.Probe.class)
class FinishedRequestRetentionIT {

    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";
    private static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();
    private static final ScriptedUpstream UPSTREAM = TestPeers.startUpstream();
    private static final int PORT = TestPeers.freePort();
    private static final String BASE_URL = "http://127.0.0.1:" + PORT;
    private static final Path ROUTES_FILE = GatewayUnderTest.writeRoutes("finished-request-retention-it", """
            gateway:
              public-base-url: %s
              authorization-servers:
                test: { issuer: %s, jwks-uri: %s }
            routes:
              - id: retained
                path: /retained/mcp
                upstream: %s
                authorization-servers: [test]
            """.formatted(
                    BASE_URL, AUTHORIZATION_SERVER.issuer(), AUTHORIZATION_SERVER.jwksUri(), UPSTREAM.mcpUrl()));

    /** Every exchange that reached the route's steps, weakly held. */
    static final List<WeakReference<ServerWebExchange>> EXCHANGES = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        GatewayUnderTest.properties(registry, ROUTES_FILE::toString, PORT);
    }

    @AfterAll
    static void stopPeers() {
        UPSTREAM.close();
        AUTHORIZATION_SERVER.close();
    }

    @Test
    void theExchangeOfTheFirstCallOnAnUpstreamIsNotKeptByItsConnectionPool() {
        for (int call = 0; call < 3; call++) {
            GatewayUnderTest.client(BASE_URL)
                    .post()
                    .uri("/retained/mcp")
                    .headers(h -> h.setBearerAuth(AUTHORIZATION_SERVER.token(BASE_URL + "/retained/mcp", "mcp:access")))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(CALL)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        assertThat(EXCHANGES).hasSize(3);

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

    @TestConfiguration
    static class Probe {

        @Bean
        GlobalFilter exchangeProbe() {
            return new ExchangeProbe();
        }
    }

    /** The first of the route's steps: notes the exchange, weakly. */
    static final class ExchangeProbe implements GlobalFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            EXCHANGES.add(new WeakReference<>(exchange));
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
