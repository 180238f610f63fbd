package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.util.function.Tuple2;

/**
 * Pipeline step 12: {@code tools/list} shows only the tools the caller may call, whether the upstream
 * answers with JSON or over SSE; an admin sees everything; SSE events still arrive one by one.
 */
class ToolListFilteringIT extends McpGatewayIntegrationTest {

    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":\"list-9\",\"method\":\"tools/list\"}";

    @Test
    void sseToolListIsFilteredForAReaderAndCompleteForAnAdmin() {
        assertThat(toolNames("/tools/mcp", READER)).containsExactlyInAnyOrder("echo", "add", "countdown");
        assertThat(toolNames("/tools/mcp", ADMIN)).containsExactlyInAnyOrder("echo", "add", "countdown", "whoami");
    }

    @Test
    void jsonToolListIsFilteredForAReaderAndCompleteForAnAdmin() {
        assertThat(toolNames("/json/mcp", READER)).containsExactly("echo");
        assertThat(toolNames("/json/mcp", ADMIN)).containsExactly("echo", "whoami");
        EntityExchangeResult<byte[]> raw = http().post()
                .uri("/json/mcp")
                .headers(h -> h.setBearerAuth(demoToken("/json/mcp", READER)))
                .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LIST)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo("list-9")
                .jsonPath("$.result.tools.length()")
                .isEqualTo(1)
                .returnResult();
        assertThat(raw.getResponseHeaders().getContentLength())
                .as("Content-Length matches the rewritten body")
                .isEqualTo(raw.getResponseBody().length);
    }

    @Test
    void sseEventsArriveOneByOneWhileTheToolListIsFiltered() {
        List<Tuple2<Long, ServerSentEvent<String>>> events = WebClient.create(GATEWAY)
                .post()
                .uri("/scripted/mcp")
                .headers(h -> h.setBearerAuth(demoToken("/scripted/mcp", READER)))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(LIST)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .elapsed()
                .collectList()
                .block(Duration.ofSeconds(20));

        assertThat(events).hasSize(PROGRESS_EVENTS + 1);
        assertThat(events.subList(0, PROGRESS_EVENTS))
                .allSatisfy(event -> assertThat(event.getT2().data()).contains("notifications/message"));
        long spreadAfterFirst = events.stream().skip(1).mapToLong(Tuple2::getT1).sum();
        assertThat(Duration.ofMillis(spreadAfterFirst))
                .as("arrivals follow the upstream's 300 ms cadence, not one burst")
                .isGreaterThanOrEqualTo(Duration.ofMillis(3 * GAP_MILLIS * 8 / 10));
        ServerSentEvent<String> result = events.get(PROGRESS_EVENTS).getT2();
        assertThat(result.id()).isEqualTo("list-1");
        assertThat(result.data()).contains("\"id\":\"list-9\"", "\"echo\"").doesNotContain("whoami", "other");
    }

    private static List<String> toolNames(String path, String scope) {
        String token = demoToken(path, scope);
        McpHttpClientTransportAuthorizationErrorHandler none = McpHttpClientTransportAuthorizationErrorHandler.NOOP;
        try (McpSyncClient client = streamableClient(path, () -> token, none, request -> {})) {
            client.initialize();
            return client.listTools().tools().stream().map(Tool::name).toList();
        }
    }
}
