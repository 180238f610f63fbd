package dev.mcpgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import io.micrometer.tracing.Tracer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With {@code gateway.tracing.enabled=true} (no OTLP endpoint: nothing is exported) the gateway's span joins the
 * client's trace: the upstream receives a {@code traceparent} with the client's trace id and the gateway's span as
 * parent, and never the client's own span id.
 */
class TracingIT {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String CLIENT_SPAN = "b7ad6b7169203331";

    private static TestAuthorizationServer authorizationServer;
    private static ScriptedUpstream upstream;
    private static ConfigurableApplicationContext gateway;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        authorizationServer = TestAuthorizationServer.start();
        upstream = ScriptedUpstream.start("upstream");
        port = TestPeers.freePort();
        Path routes = Files.createTempDirectory("tracing-it").resolve("routes.yaml");
        Files.writeString(routes, """
                gateway:
                  public-base-url: http://127.0.0.1:%d
                  authorization-servers:
                    test:
                      issuer: %s
                      jwks-uri: %s
                routes:
                  - id: test
                    path: /test/mcp
                    upstream: %s
                    authorization-servers: [test]
                """.formatted(
                        port, authorizationServer.issuer(), authorizationServer.jwksUri(), upstream.mcpUrl()));
        gateway = StandaloneGateway.start(routes, port, "--gateway.tracing.enabled=true");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
        authorizationServer.close();
    }

    @Test
    void theUpstreamJoinsTheClientsTraceUnderTheGatewaysSpan() throws Exception {
        assertThat(gateway.getBeanProvider(Tracer.class).getIfAvailable()).isNotNull();
        String token = authorizationServer.token("http://127.0.0.1:" + port + "/test/mcp", "");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/test/mcp"))
                                .timeout(Duration.ofSeconds(20))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .header("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        String traceparent = upstream.last().header("traceparent");
        assertThat(traceparent).startsWith("00-" + TRACE_ID + "-").doesNotContain(CLIENT_SPAN);
        assertThat(traceparent.split("-")[2]).hasSize(16).isNotEqualTo("0000000000000000");
    }
}
