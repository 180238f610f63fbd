package dev.mcpgateway.demo.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoMcpUpstreamTest {

    private static DemoMcpUpstream upstream;

    @BeforeAll
    static void startUpstream() {
        upstream = DemoMcpUpstream.start(0);
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @Test
    void mcpUrlPointsAtLoopbackEndpoint() {
        assertThat(upstream.port()).isPositive();
        assertThat(upstream.mcpUrl()).isEqualTo("http://127.0.0.1:" + upstream.port() + "/mcp");
    }

    @Test
    void initializeReportsServerInfoAndToolsCapability() {
        try (McpSyncClient client = client(Map.of())) {
            InitializeResult result = client.initialize();

            assertThat(result.serverInfo().name()).isEqualTo("demo-upstream");
            assertThat(result.serverInfo().version()).isEqualTo("1.0.0");
            assertThat(result.capabilities().tools()).isNotNull();
        }
    }

    @Test
    void toolsListOffersTheFourDemoTools() {
        try (McpSyncClient client = client(Map.of())) {
            client.initialize();

            assertThat(client.listTools().tools())
                    .extracting(Tool::name)
                    .containsExactlyInAnyOrder("echo", "add", "countdown", "whoami");
        }
    }

    @Test
    void echoReturnsTheMessage() {
        try (McpSyncClient client = client(Map.of())) {
            client.initialize();

            CallToolResult result = client.callTool(call("echo", Map.of("message", "hello")));

            assertThat(result.isError()).isFalse();
            assertThat(text(result)).isEqualTo("hello");
        }
    }

    @Test
    void addSumsIntegersAndDecimals() {
        try (McpSyncClient client = client(Map.of())) {
            client.initialize();

            assertThat(text(client.callTool(call("add", Map.of("a", 2, "b", 3)))))
                    .isEqualTo("5");
            assertThat(text(client.callTool(call("add", Map.of("a", 0.1, "b", 0.2)))))
                    .isEqualTo("0.3");
        }
    }

    @Test
    void countdownSendsOneProgressNotificationPerStepThenLiftoff() {
        List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(Map.of(), progress)) {
            client.initialize();

            CallToolResult result = client.callTool(CallToolRequest.builder("countdown")
                    .arguments(Map.of("from", 3, "delayMillis", 10))
                    .progressToken("countdown-1")
                    .build());

            assertThat(text(result)).isEqualTo("liftoff");
            await().atMost(Duration.ofSeconds(5)).until(() -> progress.size() == 3);
            assertThat(progress).extracting(ProgressNotification::progressToken).containsOnly("countdown-1");
            // The SDK client hands notifications to the consumer on its own threads, so their order there is
            // not the wire order (which the streaming tests check on raw SSE).
            assertThat(progress).extracting(ProgressNotification::progress).containsExactlyInAnyOrder(1.0, 2.0, 3.0);
            assertThat(progress).extracting(ProgressNotification::total).containsOnly(3.0);
        }
    }

    @Test
    void countdownWithoutProgressTokenStillLiftsOff() {
        List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(Map.of(), progress)) {
            client.initialize();

            CallToolResult result = client.callTool(call("countdown", Map.of("from", 2, "delayMillis", 10)));

            assertThat(text(result)).isEqualTo("liftoff");
            assertThat(client.ping()).isNotNull();
            assertThat(progress).isEmpty();
        }
    }

    @Test
    void whoamiReportsNoAuthorizationHeaderWhenNoneWasSent() {
        try (McpSyncClient client = client(Map.of())) {
            client.initialize();

            Map<String, Object> report = whoami(client);

            assertThat(report)
                    .containsEntry("authorizationHeaderPresent", false)
                    .containsEntry("cookieHeaderPresent", false)
                    .containsEntry("X-MCP-Subject", null);
        }
    }

    @Test
    void whoamiReportsIdentityHeadersAndLeakedCredentials() {
        Map<String, String> headers = Map.of(
                "X-MCP-Subject",
                "alice",
                "X-MCP-Client-Id",
                "demo-client",
                "X-MCP-Scopes",
                "mcp:access mcp:tools",
                "X-MCP-Tenant",
                "acme",
                "Authorization",
                "Bearer leaked",
                "Cookie",
                "session=1");
        try (McpSyncClient client = client(headers)) {
            client.initialize();

            Map<String, Object> report = whoami(client);

            assertThat(report)
                    .containsEntry("X-MCP-Subject", "alice")
                    .containsEntry("X-MCP-Client-Id", "demo-client")
                    .containsEntry("X-MCP-Scopes", "mcp:access mcp:tools")
                    .containsEntry("X-MCP-Tenant", "acme")
                    .containsEntry("authorizationHeaderPresent", true)
                    .containsEntry("cookieHeaderPresent", true);
        }
    }

    private static Map<String, Object> whoami(McpSyncClient client) {
        String json = text(client.callTool(call("whoami", Map.of())));
        try {
            return McpJsonDefaults.getMapper().readValue(json, new TypeRef<Map<String, Object>>() {});
        } catch (java.io.IOException ex) {
            throw new AssertionError("whoami did not return JSON: " + json, ex);
        }
    }

    private static CallToolRequest call(String tool, Map<String, Object> arguments) {
        return CallToolRequest.builder(tool).arguments(arguments).build();
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private static McpSyncClient client(Map<String, String> headers) {
        return client(headers, new CopyOnWriteArrayList<>());
    }

    private static McpSyncClient client(Map<String, String> headers, List<ProgressNotification> progress) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        "http://127.0.0.1:" + upstream.port())
                .endpoint("/mcp")
                .addHttpRequestCustomizer((request, method, uri, body, context) -> headers.forEach(request::header))
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(10))
                .progressConsumer(progress::add)
                .build();
    }
}
