package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import dev.mcpgateway.support.TestPeers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Request smuggling and response-shaping escapes: whatever the gateway authorizes (or filters) must be
 * exactly what the upstream (or the client) reads. Route {@code /tools/mcp} reserves {@code whoami} for
 * {@code mcp:admin}; the caller here holds {@code mcp:access} only.
 */
class UpstreamReadsWhatTheGatewayAuthorizedIT extends GatewayIntegrationTest {

    private static final String PATH = "/tools/mcp";
    private static final String FORBIDDEN_CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}}}";
    /** In UTF-8 one allowed name; decoded as UTF-7, a second {@code "name":"whoami"} that JSON.parse would keep. */
    private static final String UTF7_SMUGGLED = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"echo\",\"arguments\":{},\"x\":\"+ACIALAAiAG4AYQBtAGUAIgA6ACIAdwBoAG8AYQBtAGk-\"}}";

    private String reader() {
        return PEERS.authorizationServer.token(PEERS.baseUrl() + PATH, "mcp:access");
    }

    @Test
    void bodyDeclaredInAnotherCharsetIsRefusedWith415AndNeverForwarded() throws Exception {
        int before = PEERS.upstream.count();
        // A raw client: the JDK has no UTF-7, so Spring's clients refuse to even send this header.
        for (String contentType : List.of("application/json; charset=utf-7", "application/json; charset=utf-16")) {
            java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(PEERS.baseUrl() + PATH))
                                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + reader())
                                    .header(HttpHeaders.CONTENT_TYPE, contentType)
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(UTF7_SMUGGLED))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(415);
            assertThat(refused.body()).contains("\"code\":-32600");
        }
        client().post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(reader()))
                .header(HttpHeaders.CONTENT_TYPE, "text/plain")
                .bodyValue(UTF7_SMUGGLED)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        client().post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(reader()))
                .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(FORBIDDEN_CALL)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void explicitUtf8CharsetIsAccepted() {
        client().post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(reader()))
                .header(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void keysDifferingOnlyInCaseAreRefused() {
        int before = PEERS.upstream.count();
        client().post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(reader()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"Name\":\"whoami\"}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(-32600);
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void otherMethodsGet405AndGetOrDeleteWithABodyGet400SoNoMessageSkipsInspection() {
        int before = PEERS.upstream.count();
        for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.PATCH)) {
            client().method(method)
                    .uri(PATH)
                    .headers(h -> h.setBearerAuth(reader()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(FORBIDDEN_CALL)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                    .expectHeader()
                    .value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("POST", "GET", "DELETE"));
        }
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.DELETE)) {
            client().method(method)
                    .uri(PATH)
                    .headers(h -> h.setBearerAuth(reader()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(FORBIDDEN_CALL)
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
        }
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void codingInASecondContentEncodingFieldIsRefusedLikeAnyCodingAndNeverForwarded() {
        int before = PEERS.upstream.count();
        for (List<String> fields : List.of(List.of("identity", "br"), List.of("identity", "identity, deflate"))) {
            client().post()
                    .uri(PATH)
                    .headers(h -> {
                        h.setBearerAuth(reader());
                        h.addAll(HttpHeaders.CONTENT_ENCODING, fields);
                    })
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(
                            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{}}}")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        assertThat(PEERS.upstream.count())
                .as("an upstream that decodes the second coding would read another call than the one authorized")
                .isEqualTo(before);
    }

    @Test
    void repeatedSessionHeaderIsRefusedSoOnlyTheCheckedValueCouldReachTheUpstream() {
        int before = PEERS.upstream.count();
        client().post()
                .uri(PATH)
                .headers(h -> {
                    h.setBearerAuth(reader());
                    h.addAll("Mcp-Session-Id", List.of("mine", "someone-elses"));
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void clientQueryStringNeverReachesTheUpstream() {
        client().post()
                .uri(PATH + "?sessionId=victim-session")
                .headers(h -> h.setBearerAuth(reader()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(PEERS.upstream.last().uri()).isEqualTo("/mcp");
    }

    @Test
    void toolListReplayedOnAResumedGetStreamIsFiltered() {
        String body = WebClient.create(PEERS.baseUrl())
                .get()
                .uri(PATH)
                .headers(h -> {
                    h.setBearerAuth(reader());
                    h.set("Last-Event-ID", TestPeers.REPLAY_TOOL_LIST);
                })
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToMono(String.class)
                .block(Duration.ofSeconds(10));
        assertThat(body).contains("echo").doesNotContain("whoami");
    }

    @Test
    void compressedToolListThatCannotBeFilteredIsRefusedNotPassedOn() {
        client().post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(reader()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(list -> assertThat(list).contains("echo").doesNotContain("whoami"));
        client().post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(reader()))
                .header(TestPeers.GZIP_ANSWER, "1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody(String.class)
                .value(answer -> assertThat(answer).doesNotContain("whoami"));
    }
}
