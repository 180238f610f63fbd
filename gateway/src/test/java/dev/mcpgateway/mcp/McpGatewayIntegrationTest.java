package dev.mcpgateway.mcp;

import dev.mcpgateway.McpAuthGatewayApplication;
import dev.mcpgateway.demo.authserver.DemoAuthorizationServer;
import dev.mcpgateway.demo.upstream.DemoMcpUpstream;
import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.RecordedRequest;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.ScriptedUpstream.Answer;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One running gateway (one cached Spring context) for the MCP-aware authorization tests, in front of
 * real peers started once: the demo Spring Authorization Server (tokens for {@code demo-client}, the
 * step-up round trip), a WireMock authorization server (tokens for any subject, to play two
 * principals), the MCP Java SDK demo upstream (Streamable HTTP answering over SSE), SDK stateless
 * (JSON) and legacy HTTP+SSE upstreams, and a {@link ScriptedUpstream} that records what reaches it and answers
 * {@code tools/list} over SSE.
 *
 * <p>Every route with a tool map asks {@code mcp:tools} for any tool and {@code mcp:admin} for
 * {@code whoami}, on top of the {@code mcp:access} baseline.
 */
@SpringBootTest(classes = McpAuthGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class McpGatewayIntegrationTest {

    static final DemoAuthorizationServer DEMO_AS = Peers.INSTANCE.demoAs;
    static final TestAuthorizationServer WIRE_AS = Peers.INSTANCE.wireAs;
    static final SdkTestUpstreams SDK = Peers.INSTANCE.sdk;
    static final ScriptedUpstream SCRIPTED = Peers.INSTANCE.scripted;
    static final String GATEWAY = "http://127.0.0.1:" + Peers.INSTANCE.port;
    static final String READER = "mcp:access mcp:tools";
    static final String ADMIN = "mcp:access mcp:tools mcp:admin";
    static final int MAX_REQUEST_BYTES = 2048;
    /** How many progress notifications {@link #SCRIPTED} streams before its {@code tools/list} result. */
    static final int PROGRESS_EVENTS = 3;
    /** The pause before each of those events and before the result. */
    static final long GAP_MILLIS = 300;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        GatewayUnderTest.properties(registry, Peers.INSTANCE.routesFile::toString, Peers.INSTANCE.port);
    }

    static String resource(String path) {
        return GATEWAY + path;
    }

    /** A demo authorization server token for {@code demo-client} with {@code scope}. */
    static String demoToken(String path, String scope) {
        return DEMO_AS.clientCredentialsToken(resource(path), scope);
    }

    /** A token of {@code subject} from the WireMock authorization server. */
    static String tokenOf(String subject, String path, String scope) {
        return WIRE_AS.token(resource(path), scope, claims -> claims.subject(subject));
    }

    static WebTestClient http() {
        return GatewayUnderTest.client(GATEWAY);
    }

    /** An MCP SDK Streamable HTTP client whose bearer token is read from {@code token} on every request. */
    static McpSyncClient streamableClient(
            String path,
            Supplier<String> token,
            McpHttpClientTransportAuthorizationErrorHandler onDenied,
            Consumer<HttpRequest> sent) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(GATEWAY)
                .endpoint(path)
                .addHttpRequestCustomizer(bearer(token, sent))
                .authorizationErrorHandler(onDenied)
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(15)).build();
    }

    static McpSyncHttpClientRequestCustomizer bearer(Supplier<String> token, Consumer<HttpRequest> sent) {
        return (request, method, uri, body, context) -> {
            request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token.get());
            sent.accept(request.copy().build());
        };
    }

    /** Peers for every subclass, started once per JVM so that the Spring context is shared. */
    private static final class Peers {

        static final Peers INSTANCE = new Peers();

        final DemoAuthorizationServer demoAs = DemoAuthorizationServer.start(0);
        final TestAuthorizationServer wireAs = TestAuthorizationServer.start();
        final DemoMcpUpstream demoUpstream = DemoMcpUpstream.start(0);
        final SdkTestUpstreams sdk = new SdkTestUpstreams();
        final ScriptedUpstream scripted = ScriptedUpstream.start("scripted", Peers::progressThenToolList);
        final int port = TestPeers.freePort();
        final Path routesFile = writeRoutes();

        /**
         * {@code tools/list} answered over SSE: {@link #PROGRESS_EVENTS} progress notifications, each {@link
         * #GAP_MILLIS} after the one before, then the result (tools {@code echo}, {@code whoami}, {@code other}) with
         * event id {@code list-1}.
         */
        private static Answer progressThenToolList(RecordedRequest request) {
            if (!request.isPost("tools/list") || request.body().strip().startsWith("[")) {
                return null;
            }
            Duration gap = Duration.ofMillis(GAP_MILLIS);
            Answer answer = Answer.sse();
            for (int i = 1; i <= PROGRESS_EVENTS; i++) {
                answer = answer.then(
                        gap,
                        "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":"
                                + i + "}}\n\n");
            }
            return answer.then(
                    gap,
                    "id: list-1\ndata: "
                            + ScriptedUpstream.result(
                                    request.rawId(),
                                    "{\"tools\":[{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\"}},{\"name\":\"whoami\",\"inputSchema\":"
                                            + "{\"type\":\"object\"}},{\"name\":\"other\",\"inputSchema\":{\"type\":\"object\"}}]}")
                            + "\n\n");
        }

        private Path writeRoutes() {
            String toolMap = """
                        scopes:
                          required: [mcp:access]
                          tools:
                            whoami: [mcp:admin]
                            "*": [mcp:tools]
                    """;
            String yaml = """
                    gateway:
                      public-base-url: http://127.0.0.1:%d
                      max-request-bytes: %d
                      authorization-servers:
                        demo:
                          issuer: %s
                        wire:
                          issuer: %s
                          jwks-uri: %s
                    routes:
                      - id: tools
                        path: /tools/mcp
                        upstream: %s
                        authorization-servers: [demo, wire]
                    %s
                      - id: json
                        path: /json/mcp
                        upstream: %s
                        authorization-servers: [demo]
                    %s
                      - id: scripted
                        path: /scripted/mcp
                        upstream: %s
                        authorization-servers: [demo, wire]
                        scopes:
                          required: [mcp:access]
                          tools:
                            echo: [mcp:tools]
                            whoami: [mcp:admin]
                      - id: soft
                        path: /soft/mcp
                        upstream: %s
                        authorization-servers: [demo, wire]
                        deny-as: jsonrpc-error
                        scopes:
                          required: [mcp:access]
                          tools:
                            echo: [mcp:tools]
                      - id: legacy
                        path: /legacy/sse
                        upstream: %s
                        transport: sse
                        authorization-servers: [demo, wire]
                    %s
                    """.formatted(
                            port,
                            MAX_REQUEST_BYTES,
                            demoAs.issuer(),
                            wireAs.issuer(),
                            wireAs.jwksUri(),
                            demoUpstream.mcpUrl(),
                            toolMap,
                            sdk.jsonUrl(),
                            toolMap,
                            scripted.mcpUrl(),
                            scripted.mcpUrl(),
                            sdk.sseUrl(),
                            toolMap);
            return GatewayUnderTest.writeRoutes("mcp-authz-it", yaml);
        }
    }
}
