package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Pipeline step 9 end to end: per-tool scopes with the MCP Java SDK client and server, the step-up
 * round trip with real demo authorization server tokens, batches, and {@code deny-as: jsonrpc-error}.
 * A denied call never reaches the upstream.
 */
class ToolAuthorizationIT extends McpGatewayIntegrationTest {

    private static final Pattern SCOPE = Pattern.compile("scope=\"([^\"]+)\"");
    private static final String CHALLENGE_FOR_WHOAMI = "Bearer resource_metadata=\"" + GATEWAY
            + "/.well-known/oauth-protected-resource/tools/mcp\", scope=\"mcp:access mcp:admin\", error=\"insufficient_scope\", "
            + "error_description=\"The access token lacks a scope this request requires\"";

    @Test
    void allowedToolCallSucceedsAndForbiddenToolGets403WithEveryScopeItNeeds() {
        List<HttpResponse.ResponseInfo> denials = new CopyOnWriteArrayList<>();
        String reader = demoToken("/tools/mcp", READER);
        try (McpSyncClient client = streamableClient("/tools/mcp", () -> reader, recordOnly(denials), request -> {})) {
            client.initialize();
            assertThat(text(client.callTool(CallToolRequest.builder("echo")
                            .arguments(Map.of("message", "hi"))
                            .build())))
                    .isEqualTo("hi");
            assertThatThrownBy(() -> client.callTool(CallToolRequest.builder("whoami")
                            .arguments(Map.of())
                            .build()))
                    .isInstanceOf(RuntimeException.class);
        }
        assertThat(denials).hasSize(1);
        assertThat(denials.get(0).statusCode()).isEqualTo(403);
        assertThat(denials.get(0).headers().firstValue(HttpHeaders.WWW_AUTHENTICATE))
                .hasValue(CHALLENGE_FOR_WHOAMI);
    }

    @Test
    void stepUpWithTheChallengesScopeMakesTheSameCallSucceed() {
        String tokenA = demoToken("/tools/mcp", READER);
        AtomicReference<String> current = new AtomicReference<>(tokenA);
        List<String> challengedScopes = new CopyOnWriteArrayList<>();
        McpHttpClientTransportAuthorizationErrorHandler stepUp =
                (request, response, context) -> Mono.fromCallable(() -> {
                            String challenge = response.headers()
                                    .firstValue(HttpHeaders.WWW_AUTHENTICATE)
                                    .orElseThrow();
                            Matcher scope = SCOPE.matcher(challenge);
                            if (response.statusCode() != 403 || !scope.find()) {
                                return false;
                            }
                            challengedScopes.add(scope.group(1));
                            current.set(demoToken("/tools/mcp", scope.group(1)));
                            return true;
                        })
                        .subscribeOn(Schedulers.boundedElastic());
        try (McpSyncClient client = streamableClient("/tools/mcp", current::get, stepUp, request -> {})) {
            client.initialize();
            String result = text(client.callTool(
                    CallToolRequest.builder("whoami").arguments(Map.of()).build()));
            assertThat(result).contains("\"X-MCP-Scopes\":\"mcp:access mcp:admin\"");
        }
        assertThat(challengedScopes).containsExactly("mcp:access mcp:admin");
        assertThat(current.get()).isNotEqualTo(tokenA);
    }

    @Test
    void batchWithAnAllowedAndAForbiddenCallIsRefusedWholeAndTheUpstreamReceivesNothing() {
        String batch = "[" + call("batch-1", "echo") + "," + call("batch-2", "whoami") + "]";
        http().post()
                .uri("/scripted/mcp")
                .headers(h -> h.setBearerAuth(demoToken("/scripted/mcp", READER)))
                .header("MCP-Protocol-Version", "2025-03-26")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(batch)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge)
                                .contains("scope=\"mcp:access mcp:tools mcp:admin\"", "error=\"insufficient_scope\""));
        assertThat(SCRIPTED.received("batch-1"))
                .as("no element of a refused batch reaches the upstream")
                .isFalse();

        http().post()
                .uri("/scripted/mcp")
                .headers(h -> h.setBearerAuth(demoToken("/scripted/mcp", ADMIN)))
                .header("MCP-Protocol-Version", "2025-03-26")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(batch)
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(SCRIPTED.requests()).anyMatch(request -> request.body().equals(batch));
    }

    @Test
    void batchFromAClientOnAVersionWithoutBatchingIsRefused() {
        http().post()
                .uri("/scripted/mcp")
                .headers(h -> h.setBearerAuth(demoToken("/scripted/mcp", ADMIN)))
                .header("MCP-Protocol-Version", "2025-06-18")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[" + call("late-batch", "echo") + "]")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(-32600);
        assertThat(SCRIPTED.received("late-batch")).isFalse();
    }

    @Test
    void toolOutsideTheMapIsRefusedWithoutAChallengeNoScopeCouldAnswer() {
        http().post()
                .uri("/scripted/mcp")
                .headers(h -> h.setBearerAuth(demoToken("/scripted/mcp", ADMIN)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(call(5, "other"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(5)
                .jsonPath("$.error.data.error")
                .isEqualTo("tool_not_permitted");
        assertThat(SCRIPTED.received("\"other\"")).isFalse();
    }

    @Test
    void denyAsJsonRpcErrorAnswers200WithTheRequestIdAndTheRequiredScopes() {
        http().post()
                .uri("/soft/mcp")
                .headers(h -> h.setBearerAuth(tokenOf("alice", "/soft/mcp", "mcp:access")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(call("call-7", "echo"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.jsonrpc")
                .isEqualTo("2.0")
                .jsonPath("$.id")
                .isEqualTo("call-7")
                .jsonPath("$.error.code")
                .isEqualTo(-32000)
                .jsonPath("$.error.data.error")
                .isEqualTo("insufficient_scope")
                .jsonPath("$.error.data.requiredScopes")
                .isEqualTo(List.of("mcp:access", "mcp:tools"));
        assertThat(SCRIPTED.received("call-7")).isFalse();
        http().post()
                .uri("/soft/mcp")
                .headers(h -> h.setBearerAuth(tokenOf("alice", "/soft/mcp", READER)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(call("call-8", "echo"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.result.content[0].text")
                .isEqualTo("scripted");
    }

    static String call(Object id, String tool) {
        String jsonId = id instanceof String ? "\"" + id + "\"" : String.valueOf(id);
        return "{\"jsonrpc\":\"2.0\",\"id\":" + jsonId + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{}}}";
    }

    private static McpHttpClientTransportAuthorizationErrorHandler recordOnly(List<HttpResponse.ResponseInfo> denials) {
        return (request, response, context) -> {
            denials.add(response);
            return Mono.just(false);
        };
    }

    private static String text(io.modelcontextprotocol.spec.McpSchema.CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }
}
