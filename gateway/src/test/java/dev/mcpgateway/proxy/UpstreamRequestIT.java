package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import dev.mcpgateway.support.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Pipeline step 11: what the upstream receives, and what comes back. */
class UpstreamRequestIT extends GatewayIntegrationTest {

    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";

    @Test
    void upstreamNeverReceivesTheClientsTokenOrCookies() {
        client().post()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(validToken()))
                .header(HttpHeaders.COOKIE, "session=secret")
                .header(HttpHeaders.PROXY_AUTHORIZATION, "Basic eDp5")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CALL)
                .exchange()
                .expectStatus()
                .isOk();
        RecordedRequest received = PEERS.upstream.last();
        assertThat(received.headers().contains(HttpHeaders.AUTHORIZATION)).isFalse();
        assertThat(received.headers().contains(HttpHeaders.COOKIE)).isFalse();
        assertThat(received.headers().contains(HttpHeaders.PROXY_AUTHORIZATION)).isFalse();
    }

    @Test
    void identityHeadersComeFromTheTokenAndCannotBeSpoofed() {
        client().post()
                .uri("/test/mcp")
                .headers(
                        h -> h.setBearerAuth(PEERS.authorizationServer.token(PEERS.resource(), "mcp:access mcp:tools")))
                .header("X-MCP-Subject", "admin")
                .header("x-mcp-client-id", "trusted-client")
                .header("X-MCP-Scopes", "mcp:admin")
                .header("X-MCP-Tenant", "someone-else")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CALL)
                .exchange()
                .expectStatus()
                .isOk();
        RecordedRequest received = PEERS.upstream.last();
        assertThat(received.headers().getAll("X-MCP-Subject")).containsExactly("alice");
        assertThat(received.headers().getAll("X-MCP-Client-Id")).containsExactly("test-client");
        assertThat(received.headers().getAll("X-MCP-Scopes")).containsExactly("mcp:access mcp:tools");
        assertThat(received.headers().getAll("X-MCP-Tenant"))
                .as("no tenant-claim: the client id")
                .containsExactly("test-client");
    }

    @Test
    void mcpHeadersAndBodyAreForwardedUnchangedToTheUpstreamPath() {
        String session = initializedSession();
        client().post()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(validToken()))
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-11-25")
                .header("Last-Event-ID", "ev-9")
                .header(HttpHeaders.ACCEPT, "application/json, text/event-stream")
                .header(HttpHeaders.ACCEPT_ENCODING, "gzip")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CALL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Mcp-Session-Id", session)
                .expectHeader()
                .valueEquals("X-Accel-Buffering", "no");
        RecordedRequest received = PEERS.upstream.last();
        assertThat(received.uri()).isEqualTo("/mcp");
        assertThat(received.body()).isEqualTo(CALL);
        assertThat(received.header("Mcp-Session-Id")).isEqualTo(session);
        assertThat(received.header("MCP-Protocol-Version")).isEqualTo("2025-11-25");
        assertThat(received.header("Last-Event-ID")).isEqualTo("ev-9");
        assertThat(received.header(HttpHeaders.ACCEPT)).isEqualTo("application/json, text/event-stream");
        assertThat(received.header(HttpHeaders.ACCEPT_ENCODING))
                .as("streams must come back uncompressed")
                .isNull();
        assertThat(received.header("X-Upstream-Key")).isEqualTo("static-upstream-key");
    }

    @Test
    void acceptedNotificationPassesThrough202WithEmptyBody() {
        client().post()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(validToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .isEmpty();
    }

    @Test
    void deleteReachesTheUpstreamWithTheSessionId() {
        String session = initializedSession();
        client().delete()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(validToken()))
                .header("Mcp-Session-Id", session)
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(PEERS.upstream.last().method()).isEqualTo("DELETE");
        assertThat(PEERS.upstream.last().header("Mcp-Session-Id")).isEqualTo(session);
    }

    /** A session id the gateway bound to the test principal (requests naming any other id get 404). */
    private String initializedSession() {
        return client().post()
                .uri("/test/mcp")
                .headers(h -> h.setBearerAuth(validToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("Mcp-Session-Id");
    }

    @Test
    void unknownPathIsNotFoundRatherThanChallenged() {
        client().post()
                .uri("/nowhere/mcp")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CALL)
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
