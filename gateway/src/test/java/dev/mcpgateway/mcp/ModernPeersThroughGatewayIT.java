package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import dev.mcpgateway.support.node.ClientRun;
import dev.mcpgateway.support.node.ModernServer;
import dev.mcpgateway.support.node.NodePeers;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Real MCP 2026-07-28 peers through the gateway, with real tokens: the official TypeScript SDK v2 client (2.4.0)
 * against the SDK v2 server behind route {@code ts} (a tool map: {@code whoami} needs {@code mcp:admin}), and against
 * the MCP Java SDK's 2025-11-25 stateless server behind route {@code java}, to which it falls back.
 */
class ModernPeersThroughGatewayIT {

    private static final String TS = "/ts/mcp";
    private static final String JAVA = "/java/mcp";

    private static ModernServer server;
    private static SdkTestUpstreams java;
    private static TestAuthorizationServer authorizationServer;
    private static ConfigurableApplicationContext gateway;
    private static String baseUrl;

    @BeforeAll
    static void start() {
        server = NodePeers.server();
        java = new SdkTestUpstreams();
        authorizationServer = TestAuthorizationServer.start();
        int port = TestPeers.freePort();
        baseUrl = "http://127.0.0.1:" + port;
        Path routes = GatewayUnderTest.writeRoutes("modern-peers", """
                gateway:
                  public-base-url: %s
                  authorization-servers:
                    test: { issuer: %s, jwks-uri: %s }
                routes:
                  - id: ts
                    path: %s
                    upstream: %s
                    authorization-servers: [test]
                    scopes:
                      required: [mcp:access]
                      tools: { whoami: [mcp:admin], "*": [] }
                  - id: java
                    path: %s
                    upstream: %s
                    authorization-servers: [test]
                    scopes:
                      required: [mcp:access]
                """.formatted(
                        baseUrl,
                        authorizationServer.issuer(),
                        authorizationServer.jwksUri(),
                        TS,
                        server.mcpUrl(),
                        JAVA,
                        java.jsonUrl()));
        gateway = StandaloneGateway.start(routes, port);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (server != null) {
            server.close();
        }
        if (java != null) {
            java.close();
        }
    }

    @Test
    void modernClientNegotiates20260728ThroughTheGateway() {
        ClientRun run = client("discover", TS, "mcp:access");

        assertThat(run.ok()).as("%s", run).isTrue();
        JsonNode connect = run.step("connect");
        assertThat(connect.path("era").asString()).isEqualTo("modern");
        assertThat(connect.path("protocolVersion").asString()).isEqualTo("2026-07-28");
        assertThat(connect.path("handshake").asString()).isEqualTo("server/discover");
    }

    @Test
    void toolListIsFilteredForTheCallerAndAnnotatedArgumentsPassTheHeaderChecks() {
        ClientRun list = client("list-tools", TS, "mcp:access");
        assertThat(list.ok()).as("%s", list).isTrue();
        assertThat(list.step("list-tools").path("tools").toString())
                .contains("\"echo\"", "\"route_call\"")
                .doesNotContain("\"whoami\"");

        ClientRun mirrored = client(
                "call", TS, "mcp:access", "--tool", "route_call", "--args", "{\"region\":\"eu-west1\",\"count\":3}");
        assertThat(mirrored.ok()).as("%s", mirrored).isTrue();
        JsonNode call = mirrored.step("call");
        assertThat(call.path("ok").asBoolean()).as("%s", call).isTrue();
        assertThat(call.path("http").path("requestHeaders").toString())
                .as("the SDK mirrored the arguments, and the gateway checked them against the body")
                .containsIgnoringCase("mcp-param-region");
    }

    @Test
    void allowedCallSucceedsAndDeniedCallGetsAStepUpChallenge() {
        ClientRun allowed = client("call", TS, "mcp:access", "--tool", "echo", "--args", "{\"text\":\"through\"}");
        assertThat(allowed.ok()).as("%s", allowed).isTrue();
        assertThat(allowed.step("call").path("text").asString()).isEqualTo("through");

        ClientRun denied = client("call", TS, "mcp:access", "--tool", "whoami");
        JsonNode call = denied.step("call");
        assertThat(call.path("ok").asBoolean()).as("%s", denied).isFalse();
        assertThat(call.path("error").path("http").path("status").asInt()).isEqualTo(403);
        assertThat(call.path("error").path("http").path("wwwAuthenticate").asString())
                .contains("insufficient_scope", "mcp:admin");

        ClientRun admin = client("call", TS, "mcp:access mcp:admin", "--tool", "whoami");
        assertThat(admin.ok()).as("%s", admin).isTrue();
        assertThat(admin.step("call").path("ok").asBoolean()).isTrue();
    }

    @Test
    void listenStreamDeliversNotificationsOneByOneThroughTheGateway() {
        ClientRun run = client("listen", TS, "mcp:access", "--count", "3", "--trigger", "3", "--duration-ms", "15000");

        assertThat(run.ok()).as("%s", run).isTrue();
        List<JsonNode> notifications = run.steps("notification");
        assertThat(notifications)
                .hasSize(3)
                .allSatisfy(n -> assertThat(n.path("method").asString()).isEqualTo("notifications/tools/list_changed"));
        long first = notifications.get(0).path("sinceListenMs").asLong();
        long last = notifications.get(2).path("sinceListenMs").asLong();
        assertThat(last - first)
                .as("published 200 ms apart, relayed unbuffered")
                .isGreaterThanOrEqualTo(250);
    }

    @Test
    void cancellingAModernCallReachesTheUpstream() {
        long before = modernCancellations();

        ClientRun run = client("cancel", TS, "mcp:access", "--mode", "auto", "--after-ms", "300");

        assertThat(run.ok()).as("%s", run).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> modernCancellations() > before);
    }

    @Test
    void modernClientFallsBackToInitializeAgainstTheJavaSdk20251125Upstream() {
        ClientRun run =
                client("call", JAVA, "mcp:access", "--tool", "echo", "--args", "{\"message\":\"from a v2 client\"}");

        assertThat(run.ok()).as("%s", run).isTrue();
        JsonNode connect = run.step("connect");
        assertThat(connect.path("era").asString()).isEqualTo("legacy");
        assertThat(connect.path("handshake").asString()).isEqualTo("server/discover then initialize fallback");
        assertThat(run.step("call").path("text").asString()).isEqualTo("from a v2 client");
    }

    @Test
    void javaSdkClientStillWorksAgainstTheModernUpstreamThroughTheGateway() {
        String token = authorizationServer.token(baseUrl + TS, "mcp:access");
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint(TS)
                .addHttpRequestCustomizer(
                        (request, method, uri, body, context) -> request.setHeader("Authorization", "Bearer " + token))
                .build();
        try (McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(15)).build()) {
            McpSchema.InitializeResult initialized = client.initialize();
            McpSchema.CallToolResult echoed = client.callTool(
                    new McpSchema.CallToolRequest("echo", Map.<String, Object>of("text", "from the Java SDK")));

            assertThat(initialized.protocolVersion()).isEqualTo("2025-11-25");
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("echo")
                    .doesNotContain("whoami");
            assertThat(echoed.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(((McpSchema.TextContent) echoed.content().get(0)).text()).contains("from the Java SDK");
        }
    }

    private static ClientRun client(String scenario, String path, String scope, String... options) {
        String token = authorizationServer.token(baseUrl + path, scope);
        String[] all = new String[options.length + 2];
        all[0] = "--token";
        all[1] = token;
        System.arraycopy(options, 0, all, 2, options.length);
        return NodePeers.client(scenario, baseUrl + path, all);
    }

    private static long modernCancellations() {
        long count = 0;
        for (JsonNode cancellation : server.status().path("cancellations")) {
            if (cancellation.path("name").asString().equals("slow")
                    && cancellation.path("era").asString().equals("modern")) {
                count++;
            }
        }
        return count;
    }
}
