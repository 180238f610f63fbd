package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import java.net.http.HttpRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Pipeline step 6: an {@code Mcp-Session-Id} works only for the {@code (iss, sub)} that created it,
 * survives token refresh, and dies with DELETE. Refused requests never reach the upstream.
 */
class SessionBindingIT extends McpGatewayIntegrationTest {

    @Test
    void anotherPrincipalPresentingTheSessionIdGets404AndARefreshedTokenOfTheOwnerContinues() {
        AtomicReference<String> aliceToken = new AtomicReference<>(tokenOf("alice", "/scripted/mcp", READER));
        AtomicReference<String> sessionSeen = new AtomicReference<>();
        try (McpSyncClient alice = streamableClient(
                "/scripted/mcp",
                aliceToken::get,
                McpHttpClientTransportAuthorizationErrorHandler.NOOP,
                request -> remember(request, sessionSeen))) {
            alice.initialize();
            alice.ping();
            String session = sessionSeen.get();
            assertThat(session).startsWith("scripted-");

            ping("/scripted/mcp", tokenOf("bob", "/scripted/mcp", ADMIN), session, "hijack-1")
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.error.message")
                    .isEqualTo("Session not found");
            assertThat(SCRIPTED.received("hijack-1"))
                    .as("the hijack attempt never reached the upstream")
                    .isFalse();

            long pingsBefore = pingsIn(session);
            aliceToken.set(tokenOf("alice", "/scripted/mcp", READER));
            alice.ping();
            assertThat(pingsIn(session))
                    .as("the refreshed token's ping reached the upstream in the same session")
                    .isEqualTo(pingsBefore + 1);
        }
    }

    @Test
    void deleteEndsTheBindingAndTheIdIsRefusedAfterwards() {
        String token = tokenOf("carol", "/scripted/mcp", READER);
        String session = http().post()
                .uri("/scripted/mcp")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("Mcp-Session-Id");
        ping("/scripted/mcp", token, session, "before-delete").expectStatus().isOk();
        http().delete()
                .uri("/scripted/mcp")
                .headers(h -> h.setBearerAuth(token))
                .header("Mcp-Session-Id", session)
                .exchange()
                .expectStatus()
                .isNoContent();
        ping("/scripted/mcp", token, session, "after-delete").expectStatus().isNotFound();
        assertThat(SCRIPTED.received("after-delete")).isFalse();
    }

    @Test
    void sessionIdTheGatewayNeverBoundGets404() {
        ping("/scripted/mcp", tokenOf("alice", "/scripted/mcp", READER), "made-up-session", "made-up")
                .expectStatus()
                .isNotFound();
        http().get()
                .uri("/scripted/mcp")
                .headers(h -> h.setBearerAuth(tokenOf("alice", "/scripted/mcp", READER)))
                .header("Mcp-Session-Id", "made-up-session")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(SCRIPTED.requests()).noneMatch(request -> "made-up-session".equals(request.sessionId()));
    }

    private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec ping(
            String path, String token, String session, String id) {
        return http().post()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .header("Mcp-Session-Id", session)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"ping\"}")
                .exchange();
    }

    private static long pingsIn(String session) {
        return SCRIPTED.requests().stream()
                .filter(request ->
                        session.equals(request.sessionId()) && request.body().contains("\"ping\""))
                .count();
    }

    private static void remember(HttpRequest request, AtomicReference<String> sessionSeen) {
        request.headers().firstValue("Mcp-Session-Id").ifPresent(sessionSeen::set);
    }
}
