package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failures an MCP client can show: each upstream fault gets its documented status and a JSON-RPC error carrying the
 * request's id, naming the route, never the upstream's address, an exception or Spring Boot's error page.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamErrorsIT extends ResilienceIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void refusedConnectionIsRetriedOnceThenGets502WithTheRequestId(CapturedOutput output) {
        // The logging system is shared by every context in this JVM: set the level for this test only.
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel(ConnectRetryFilter.class.getName(), LogLevel.DEBUG);
        JsonNode body;
        try {
            body = call("/refused/mcp", 7, HttpStatus.BAD_GATEWAY);
        } finally {
            logging.setLogLevel(ConnectRetryFilter.class.getName(), null);
        }
        assertJsonRpcError(body, 7, "refused", "upstream_unreachable");
        assertThat(body.at("/error/message").asString())
                .isEqualTo("The MCP server behind route 'refused' is unreachable");
        assertThat(output.getOut())
                .as("the routing filter ran a second time, and failed to connect again")
                .containsOnlyOnce("Connecting to the upstream of route 'refused' failed");
    }

    @Test
    void connectionResetByTheUpstreamGets502WithTheRequestIdAndTheToolCallIsNotReplayed() {
        int before = PEERS.upstream.requestsTo("/reset");
        assertJsonRpcError(call("/reset/mcp", 8, HttpStatus.BAD_GATEWAY), 8, "reset", "upstream_broken_response");
        assertThat(PEERS.upstream.requestsTo("/reset"))
                .as("the call reached the upstream once")
                .isEqualTo(before + 1);
    }

    @Test
    void malformedUpstreamResponseGets502WithTheRequestId() {
        assertJsonRpcError(
                call("/malformed/mcp", "call-9", HttpStatus.BAD_GATEWAY),
                "call-9",
                "malformed",
                "upstream_broken_response");
    }

    @Test
    void headersSlowerThanTheFirstByteTimeoutGet504WithTheRequestId() {
        JsonNode body = call("/slow-headers/mcp", 10, HttpStatus.GATEWAY_TIMEOUT);
        assertJsonRpcError(body, 10, "slow-headers", "upstream_timeout");
        assertThat(body.at("/error/message").asString()).endsWith("did not answer within 500 ms");
    }

    @Test
    void streamWhoseHeadersAreSlowerThanTheFirstByteTimeoutGets504WithoutId() {
        EntityExchangeResult<byte[]> result = client().get()
                .uri("/slow-stream/mcp")
                .headers(h -> h.setBearerAuth(PEERS.token("/slow-stream/mcp")))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .returnResult();
        JsonNode body = JSON.readTree(result.getResponseBodyContent());
        assertThat(body.get("id").isNull())
                .as("a GET carries no JSON-RPC request")
                .isTrue();
        assertThat(body.at("/error/data/reason").asString()).isEqualTo("upstream_timeout");
    }

    private static JsonNode call(String path, Object id, HttpStatus expected) {
        EntityExchangeResult<byte[]> result = client().post()
                .uri(path)
                .headers(h -> h.setBearerAuth(PEERS.token(path)))
                .header(JsonRpcIdFromTestHeader.HEADER, String.valueOf(id))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        id instanceof Number n
                                ? toolCall(n.longValue())
                                : toolCall(0).replace("\"id\":0", "\"id\":\"" + id + "\""))
                .exchange()
                .expectStatus()
                .isEqualTo(expected)
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .returnResult();
        String text = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
        assertThat(text)
                .as("no internal address, exception or Spring Boot error page")
                .doesNotContain("127.0.0.1")
                .doesNotContain("localhost")
                .doesNotContain("Exception")
                .doesNotContain("timestamp")
                .doesNotContain("trace");
        return JSON.readTree(text);
    }

    private static void assertJsonRpcError(JsonNode body, Object id, String route, String reason) {
        assertThat(fieldNames(body)).containsExactly("jsonrpc", "id", "error");
        assertThat(body.get("jsonrpc").asString()).isEqualTo("2.0");
        if (id instanceof Number number) {
            assertThat(body.get("id").asLong()).isEqualTo(number.longValue());
        } else {
            assertThat(body.get("id").asString()).isEqualTo(id);
        }
        assertThat(body.at("/error/code").asInt()).isEqualTo(-32000);
        assertThat(body.at("/error/message").asString()).contains("'" + route + "'");
        assertThat(body.at("/error/data/route").asString()).isEqualTo(route);
        assertThat(body.at("/error/data/reason").asString()).isEqualTo(reason);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
