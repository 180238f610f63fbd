package dev.mcpgateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.McpAuthGatewayApplication;
import dev.mcpgateway.demo.authserver.DemoAuthorizationServer;
import dev.mcpgateway.demo.upstream.DemoMcpUpstream;
import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.TestPeers;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's main job, end to end, with real peers: the demo Spring Authorization Server issues
 * the token (RFC 8707 audience = the gateway's resource URI), the MCP Java SDK client talks through
 * the gateway to the MCP Java SDK demo upstream. Signing keys are discovered from the authorization
 * server's RFC 8414 metadata, as in the quick start.
 */
@SpringBootTest(classes = McpAuthGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class DemoEndToEndIT {

    private static final DemoAuthorizationServer AUTHORIZATION_SERVER = DemoAuthorizationServer.start(0);
    private static final DemoMcpUpstream UPSTREAM = DemoMcpUpstream.start(0);
    private static final int PORT = TestPeers.freePort();
    private static final String GATEWAY = "http://127.0.0.1:" + PORT;
    private static final String RESOURCE = GATEWAY + "/demo/mcp";

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        GatewayUnderTest.properties(registry, DemoEndToEndIT::writeRoutes, PORT);
    }

    @AfterAll
    static void stopPeers() {
        UPSTREAM.close();
        AUTHORIZATION_SERVER.close();
    }

    @Test
    void sdkClientWithARealTokenInitializesListsAndCallsToolsThroughTheGateway() {
        String token = AUTHORIZATION_SERVER.clientCredentialsToken(RESOURCE, "mcp:access mcp:tools");
        try (McpSyncClient client = client(token, new CopyOnWriteArrayList<>())) {
            assertThat(client.initialize().serverInfo().name()).isEqualTo("demo-upstream");
            assertThat(client.listTools().tools()).extracting(Tool::name).contains("echo", "countdown", "whoami");
            assertThat(text(client.callTool(CallToolRequest.builder("echo")
                            .arguments(Map.of("message", "hello"))
                            .build())))
                    .isEqualTo("hello");
        }
    }

    @Test
    void upstreamSeesTheIdentityFromTheTokenButNeverTheToken() {
        String token = AUTHORIZATION_SERVER.clientCredentialsToken(RESOURCE, "mcp:access mcp:tools");
        try (McpSyncClient client = client(token, new CopyOnWriteArrayList<>())) {
            client.initialize();
            Map<String, Object> seen = json(text(client.callTool(
                    CallToolRequest.builder("whoami").arguments(Map.of()).build())));
            assertThat(seen)
                    .containsEntry("authorizationHeaderPresent", false)
                    .containsEntry("X-MCP-Subject", "demo-client")
                    .containsEntry("X-MCP-Client-Id", "demo-client")
                    .containsEntry("X-MCP-Scopes", "mcp:access mcp:tools")
                    .containsEntry("X-MCP-Tenant", "demo-client");
        }
    }

    @Test
    void progressNotificationsStreamThroughTheGateway() {
        String token = AUTHORIZATION_SERVER.clientCredentialsToken(RESOURCE, "mcp:access mcp:tools");
        List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(token, progress)) {
            client.initialize();
            CallToolResult result = client.callTool(CallToolRequest.builder("countdown")
                    .arguments(Map.of("from", 3, "delayMillis", 50))
                    .progressToken("launch")
                    .build());
            assertThat(text(result)).isEqualTo("liftoff");
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.size() == 3);
            // The SDK client hands notifications to the consumer on its own threads, so their order there is
            // not the wire order (which the streaming tests check on raw SSE).
            assertThat(progress).extracting(ProgressNotification::progress).containsExactlyInAnyOrder(1.0, 2.0, 3.0);
        }
    }

    @Test
    void tokenIssuedForAnotherResourceIsRejected() {
        String token = AUTHORIZATION_SERVER.clientCredentialsToken("https://elsewhere.example.com/mcp", "mcp:access");
        try (McpSyncClient client = client(token, new CopyOnWriteArrayList<>())) {
            assertThatThrownBy(client::initialize).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void clientWithoutTokenIsChallengedAndTheMetadataDescribesTheUrlItUsed() {
        try (McpSyncClient client = client(null, new CopyOnWriteArrayList<>())) {
            assertThatThrownBy(client::initialize).isInstanceOf(RuntimeException.class);
        }
        WebTestClient http = WebTestClient.bindToServer()
                .baseUrl(GATEWAY)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
        String challenge = http.post()
                .uri(RESOURCE)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst(HttpHeaders.WWW_AUTHENTICATE);
        Matcher metadata = Pattern.compile("resource_metadata=\"([^\"]+)\"").matcher(challenge);
        assertThat(metadata.find()).isTrue();
        http.get()
                .uri(metadata.group(1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.resource")
                .isEqualTo(RESOURCE)
                .jsonPath("$.authorization_servers[0]")
                .isEqualTo(AUTHORIZATION_SERVER.issuer());
    }

    private static McpSyncClient client(String token, List<ProgressNotification> progress) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(GATEWAY)
                .endpoint("/demo/mcp")
                .addHttpRequestCustomizer((request, method, uri, body, context) -> {
                    if (token != null) {
                        request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                    }
                })
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(15))
                .progressConsumer(progress::add)
                .build();
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private static Map<String, Object> json(String text) {
        try {
            return McpJsonDefaults.getMapper().readValue(text, new TypeRef<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String writeRoutes() {
        return GatewayUnderTest.writeRoutes(
                        "e2e", """
                    gateway:
                      public-base-url: %s
                      authorization-servers:
                        demo:
                          issuer: %s
                    routes:
                      - id: demo
                        path: /demo/mcp
                        upstream: %s
                        authorization-servers: [demo]
                        scopes:
                          required: [mcp:access]
                    """.formatted(GATEWAY, AUTHORIZATION_SERVER.issuer(), UPSTREAM.mcpUrl()))
                .toString();
    }
}
