package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/**
 * Pipeline step 8 against the running gateway: bounded reading ({@code 413}), JSON-RPC errors with
 * their codes, the 2026-07-28 header rules, and the exact bytes reaching the upstream.
 */
class McpInspectionIT extends McpGatewayIntegrationTest {

    @Test
    void oversizedBodyGets413WhetherItsLengthIsDeclaredOrNot() {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":\"too-big\",\"method\":\"ping\",\"params\":{\"pad\":\""
                + "x".repeat(MAX_REQUEST_BYTES) + "\"}}";
        post(big)
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(-32600);
        Flux<DataBuffer> chunked = Flux.range(0, 8)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                        big.substring(i * big.length() / 8, (i + 1) * big.length() / 8)
                                .getBytes(StandardCharsets.UTF_8)));
        http().post()
                .uri("/scripted/mcp")
                .headers(h -> h.setBearerAuth(demoToken("/scripted/mcp", READER)))
                .contentType(MediaType.APPLICATION_JSON)
                .body(chunked, DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(413);
        assertThat(SCRIPTED.received("too-big")).isFalse();
    }

    @Test
    void malformedJsonGets400WithParseError() {
        post("{\"jsonrpc\":\"2.0\",\"id\":1,")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(-32700)
                .jsonPath("$.id")
                .doesNotExist();
    }

    @Test
    void objectThatIsNotJsonRpcGets400WithInvalidRequest() {
        post("{\"hello\":\"world\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(-32600);
    }

    @Test
    void mcpNameHeaderThatContradictsTheBodyGets400() {
        http().post()
                .uri("/scripted/mcp")
                .headers(h -> h.setBearerAuth(demoToken("/scripted/mcp", ADMIN)))
                .header("Mcp-Method", "tools/call")
                .header("Mcp-Name", "echo")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ToolAuthorizationIT.call("mismatch-11", "whoami"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo("mismatch-11")
                .jsonPath("$.error.code")
                .isEqualTo(-32600);
        assertThat(SCRIPTED.received("mismatch-11")).isFalse();
    }

    @Test
    void matchingHeadersPassAndTheUpstreamReceivesTheExactBytes() {
        String body =
                "{ \"jsonrpc\" : \"2.0\",\n \"id\" : 12, \"method\":\"tools/call\", \"params\":{\"name\":\"echo\",\"arguments\":{\"m\":\"é\"}} }";
        http().post()
                .uri("/scripted/mcp")
                .headers(h -> h.setBearerAuth(demoToken("/scripted/mcp", READER)))
                .header("Mcp-Method", "tools/call")
                .header("Mcp-Name", "echo")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(SCRIPTED.requests()).anyMatch(request -> request.body().equals(body));
    }

    private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String body) {
        return http().post()
                .uri("/scripted/mcp")
                .headers(h -> h.setBearerAuth(demoToken("/scripted/mcp", READER)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
