package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Legacy HTTP+SSE (MCP 2024-11-05) end to end: the MCP Java SDK's SSE client transport through the
 * gateway to the SDK's SSE server. The stream's {@code endpoint} event names the gateway's message
 * path, every POST is authenticated and bound to the principal that opened the stream, and the
 * tool policy applies to posted messages as it does on Streamable HTTP.
 */
class LegacySseTransportIT extends McpGatewayIntegrationTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    @Test
    void sdkSseClientListsFilteredToolsCallsAllowedOnesAndIsDeniedTheRest() {
        AtomicReference<String> messageUri = new AtomicReference<>();
        int whoamiCallsBefore = SDK.whoamiCalls.get();
        try (McpSyncClient client = legacyClient(tokenOf("alice", "/legacy/sse", READER), messageUri)) {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(Tool::name).containsExactly("echo");
            assertThat(((TextContent) client.callTool(CallToolRequest.builder("echo")
                                            .arguments(Map.of("message", "old"))
                                            .build())
                                    .content()
                                    .get(0))
                            .text())
                    .isEqualTo("old");
            assertThatThrownBy(() -> client.callTool(CallToolRequest.builder("whoami")
                            .arguments(Map.of())
                            .build()))
                    .isInstanceOf(RuntimeException.class);
        }
        assertThat(SDK.whoamiCalls.get())
                .as("the denied call never reached the upstream")
                .isEqualTo(whoamiCallsBefore);
        assertThat(messageUri.get()).startsWith(GATEWAY + "/legacy/sse/message?sessionId=");
    }

    @Test
    void adminSeesAndCallsEveryTool() {
        try (McpSyncClient client = legacyClient(tokenOf("alice", "/legacy/sse", ADMIN), new AtomicReference<>())) {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(Tool::name).containsExactly("echo", "whoami");
            assertThat(((TextContent) client.callTool(CallToolRequest.builder("whoami")
                                            .arguments(Map.of())
                                            .build())
                                    .content()
                                    .get(0))
                            .text())
                    .isEqualTo("upstream");
        }
    }

    @Test
    void messagePostsAreAuthenticatedAndBoundToThePrincipalThatOpenedTheStream() {
        AtomicReference<String> messageUri = new AtomicReference<>();
        try (McpSyncClient client = legacyClient(tokenOf("alice", "/legacy/sse", READER), messageUri)) {
            client.initialize();
            String path = messageUri.get().substring(GATEWAY.length());
            http().post()
                    .uri(path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(PING)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .value(
                            HttpHeaders.WWW_AUTHENTICATE,
                            challenge -> assertThat(challenge)
                                    .contains("/.well-known/oauth-protected-resource/legacy/sse\""));
            http().post()
                    .uri(path)
                    .headers(h -> h.setBearerAuth(tokenOf("bob", "/legacy/sse", ADMIN)))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(PING)
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            http().post()
                    .uri(path)
                    .headers(h -> h.setBearerAuth(tokenOf("alice", "/legacy/sse", READER)))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(PING)
                    .exchange()
                    .expectStatus()
                    .is2xxSuccessful();
        }
        http().post()
                .uri("/legacy/sse/message")
                .headers(h -> h.setBearerAuth(tokenOf("alice", "/legacy/sse", READER)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PING)
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void endpointEventNamesTheGatewaysMessagePathNeverTheUpstreams() {
        ServerSentEvent<String> first = WebClient.create(GATEWAY)
                .get()
                .uri("/legacy/sse")
                .headers(h -> h.setBearerAuth(tokenOf("alice", "/legacy/sse", READER)))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .next()
                .block(Duration.ofSeconds(20));
        assertThat(first.event()).isEqualTo("endpoint");
        assertThat(first.data())
                .startsWith("/legacy/sse/message?sessionId=")
                .doesNotContain("/legacy/message", "127.0.0.1");
    }

    private static McpSyncClient legacyClient(String token, AtomicReference<String> messageUri) {
        HttpClientSseClientTransport transport = HttpClientSseClientTransport.builder(GATEWAY)
                .sseEndpoint("/legacy/sse")
                .httpRequestCustomizer(bearer(() -> token, request -> rememberPost(request, messageUri)))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(15)).build();
    }

    private static void rememberPost(HttpRequest request, AtomicReference<String> messageUri) {
        if (request.method().equals("POST")) {
            messageUri.set(request.uri().toString());
        }
    }
}
