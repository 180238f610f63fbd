package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.McpAuthGatewayApplication;
import dev.mcpgateway.support.SingleRoutePeers;
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
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * With tracing on, the request the security chain authenticates is not the server's own: the step that starts the
 * span ({@code observability.DecisionRecorder}, before authentication) hands on a mutated request carrying the
 * upstream's {@code traceparent}. The verified token must be gone from that request too, not only from the one
 * Reactor Netty read.
 */
@SpringBootTest(
        classes = McpAuthGatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "gateway.tracing.enabled=true")
@Import(CredentialDroppedWhenTracedIT.Probe.class)
class CredentialDroppedWhenTracedIT {

    private static final SingleRoutePeers PEERS = SingleRoutePeers.start("credential-traced-it", "/probed/mcp");

    /** The Authorization fields the first step after the security chain saw, one entry per request. */
    static final List<List<String>> SEEN = new CopyOnWriteArrayList<>();

    /** Whether the request the first route step saw reads its fields through to Reactor Netty's, per request. */
    static final List<Boolean> READS_THROUGH = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        PEERS.properties(registry);
    }

    @AfterAll
    static void stopPeers() {
        PEERS.close();
    }

    @Test
    void theVerifiedTokenIsGoneFromTheTracedRequestEveryLaterStepSees() {
        PEERS.client()
                .post()
                .uri(PEERS.path)
                .headers(h -> h.setBearerAuth(PEERS.token("mcp:access")))
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(PEERS.upstream.last().header("traceparent"))
                .as("the request was traced")
                .startsWith("00-0af7651916cd43dd8448eb211c80319c-");
        assertThat(SEEN).as("the call reached the route's steps once").hasSize(1);
        assertThat(SEEN.get(0).size())
                .as("Authorization fields left on the request (counted, so a failure never prints a token)")
                .isZero();
        assertThat(READS_THROUGH)
                .as("the route's steps read Reactor Netty's own request: no step before authentication made a copy"
                        + " of its fields, which would keep the token for the exchange's life")
                .containsExactly(true);
    }

    @TestConfiguration
    static class Probe {

        @Bean
        GlobalFilter authorizationProbe() {
            return new AuthorizationProbe();
        }
    }

    /** The first of the route's steps, right after the security chain. */
    static final class AuthorizationProbe implements GlobalFilter, Ordered {

        private static final String MARKER = "x-probe-reads-through";

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            SEEN.add(List.copyOf(exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION)));
            HttpServerRequest netty = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
            netty.requestHeaders().set(MARKER, "1");
            READS_THROUGH.add(exchange.getRequest().getHeaders().containsHeader(MARKER));
            netty.requestHeaders().remove(MARKER);
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
