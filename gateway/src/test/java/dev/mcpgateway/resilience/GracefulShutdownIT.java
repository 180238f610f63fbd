package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.SignalType;

/**
 * Graceful shutdown on a gateway of its own, closed from another thread the way SIGTERM closes it: readiness turns
 * false, new MCP requests are refused, a {@code tools/call} already in flight completes, and only then are open
 * streams ended cleanly; after that the listener is gone.
 */
class GracefulShutdownIT {

    private static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();
    private static final ScriptedUpstream UPSTREAM = ScriptedUpstream.start("resilience", ResiliencePeers::answer);
    private static final int PORT = TestPeers.freePort();
    private static final String BASE_URL = "http://127.0.0.1:" + PORT;
    private static final String PATH = "/calls/mcp";

    @AfterAll
    static void stopPeers() {
        UPSTREAM.close();
        AUTHORIZATION_SERVER.close();
    }

    @Test
    void inFlightToolCallCompletesNewRequestsAreRefusedAndStreamsCloseAfterTheCalls() throws Exception {
        ConfigurableApplicationContext gateway =
                StandaloneGateway.start(routesFile(), PORT, "--gateway.shutdown-grace-period=15s");
        WebClient client = WebClient.create(BASE_URL);
        AtomicReference<ResponseEntity<String>> call = new AtomicReference<>();
        client.post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}")
                .retrieve()
                .toEntity(String.class)
                .subscribe(call::set);
        List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
        AtomicReference<SignalType> streamEnd = new AtomicReference<>();
        client.get()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(token()))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .doFinally(streamEnd::set)
                .subscribe(events::add, error -> {});
        await().atMost(Duration.ofSeconds(10)).until(() -> UPSTREAM.held() == 1 && !events.isEmpty());

        Thread sigterm = new Thread(gateway::close, "sigterm");
        sigterm.start();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(ping(client).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        ResponseEntity<String> refused = ping(client);
        assertThat(refused.getBody()).contains("\"reason\":\"shutting_down\"");
        assertThat(refused.getHeaders().getConnection()).contains("close");
        assertThat(client.get()
                        .uri("/actuator/health/readiness")
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode()))
                        .block(Duration.ofSeconds(5)))
                .as("readiness is false")
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(call.get()).as("the call in flight is still running").isNull();
        assertThat(streamEnd.get()).as("streams stay open while calls drain").isNull();

        UPSTREAM.releaseHeld();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(call.get()).isNotNull();
            assertThat(streamEnd.get()).isEqualTo(SignalType.ON_COMPLETE);
        });
        assertThat(call.get().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call.get().getBody()).isEqualTo(ResiliencePeers.CALL_RESULT);

        sigterm.join(Duration.ofSeconds(20).toMillis());
        assertThat(sigterm.isAlive()).isFalse();
        assertThatThrownBy(() -> ping(client)).as("the listener is closed").isNotNull();
    }

    private static ResponseEntity<String> ping(WebClient client) {
        return client.post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .exchangeToMono(response -> response.toEntity(String.class))
                .block(Duration.ofSeconds(10));
    }

    private static String token() {
        return AUTHORIZATION_SERVER.token(BASE_URL + PATH, "mcp:access");
    }

    private static Path routesFile() {
        return GatewayUnderTest.writeRoutes("shutdown-it", """
                gateway:
                  public-base-url: %s
                  authorization-servers:
                    test: { issuer: %s, jwks-uri: %s }
                routes:
                  - id: calls
                    path: %s
                    upstream: %s
                    authorization-servers: [test]
                """.formatted(
                BASE_URL, AUTHORIZATION_SERVER.issuer(), AUTHORIZATION_SERVER.jwksUri(), PATH, UPSTREAM.url("/calls")));
    }
}
