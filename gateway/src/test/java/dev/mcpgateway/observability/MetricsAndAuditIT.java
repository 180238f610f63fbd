package dev.mcpgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13 acceptance: after a scripted sequence (an allowed call, no token, a bad audience, a forbidden tool, a
 * rate-limited call, an upstream that is down, a malformed token), the Prometheus scrape on the management port
 * counts each outcome with its tags, the audit trail has one line per decision with the documented fields, a
 * client's trace id reaches the upstream in {@code traceparent}, and no token used appears in any log output.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsAndAuditIT {

    /** Sent as a bearer token: distinctive, so any trace of it in a log is found. */
    private static final String DISTINCTIVE_TOKEN = "zz-LEAK-CANARY-7f3c9a-never-log-me";

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TestAuthorizationServer authorizationServer;
    private static ScriptedUpstream upstream;
    private static ConfigurableApplicationContext gateway;
    private static int port;
    private static int managementPort;
    private static final ListAppender<ILoggingEvent> ALL_LOGS = new ListAppender<>();
    private static final ListAppender<ILoggingEvent> AUDIT_LOGS = new ListAppender<>();
    private static final List<String> TOKENS_USED = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        authorizationServer = TestAuthorizationServer.start();
        upstream = ScriptedUpstream.start("upstream");
        port = TestPeers.freePort();
        managementPort = TestPeers.freePort();
        String base = "http://127.0.0.1:" + port;
        Path routes = Files.createTempDirectory("metrics-it").resolve("routes.yaml");
        Files.writeString(routes, """
                gateway:
                  public-base-url: %s
                  unauthenticated-rate-limit: off
                  authorization-servers:
                    test:
                      issuer: %s
                      jwks-uri: %s
                    opaque:
                      issuer: http://127.0.0.1:%d/opaque
                      token-format: opaque
                      introspection:
                        uri: http://127.0.0.1:%d/introspect
                        client-id: gateway
                        client-secret: not-used-here
                routes:
                  - id: tools
                    path: /tools/mcp
                    upstream: %s
                    authorization-servers: [test]
                    scopes:
                      required: [mcp:access]
                      tools: { echo: [], admin_reset: [mcp:admin] }
                    audit: { argument-names: true }
                  - id: limited
                    path: /limited/mcp
                    upstream: %s
                    authorization-servers: [test]
                    tenant-claim: org
                    rate-limit:
                      default: { capacity: 1, refill: 1/1h }
                      tenants: { acme: { capacity: 1, refill: 1/1h } }
                  - id: down
                    path: /down/mcp
                    upstream: http://127.0.0.1:%d/mcp
                    authorization-servers: [test]
                    timeouts: { connect: 1s }
                """.formatted(
                        base,
                        authorizationServer.issuer(),
                        authorizationServer.jwksUri(),
                        TestPeers.freePort(),
                        TestPeers.freePort(),
                        upstream.mcpUrl(),
                        upstream.mcpUrl(),
                        TestPeers.freePort()));
        gateway = StandaloneGateway.start(
                routes,
                port,
                "--management.server.port=" + managementPort,
                // The demo module brings Tomcat onto the test class path; the gateway's management server is Netty.
                "--spring.autoconfigure.exclude="
                        + "org.springframework.cloud.gateway.config.GatewayNoLoadBalancerClientAutoConfiguration,"
                        + "org.springframework.boot.tomcat.autoconfigure.actuate.web.server"
                        + ".TomcatReactiveManagementContextAutoConfiguration");
        // Spring Boot configures logging as the application starts: the appenders go on afterwards.
        attach((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), ALL_LOGS);
        attach((Logger) LoggerFactory.getLogger(AuditLog.LOGGER), AUDIT_LOGS);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(ALL_LOGS);
        ((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).detachAppender(AUDIT_LOGS);
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
        authorizationServer.close();
    }

    @Test
    @Order(1)
    void eachDecisionIsCountedAuditedAndNoTokenIsLogged(CapturedOutput output) throws Exception {
        String tools = "/tools/mcp";
        String allowed = token(tools, "mcp:access", Map.of());
        assertThat(call(tools, allowed, toolCall("echo"), TRACEPARENT).statusCode())
                .isEqualTo(200);
        assertThat(call(tools, null, toolCall("echo"), null).statusCode()).isEqualTo(401);
        String wrongAudience = authorizationServer.token("https://elsewhere.example/mcp", "mcp:access");
        TOKENS_USED.add(wrongAudience);
        assertThat(call(tools, wrongAudience, toolCall("echo"), null).statusCode())
                .isEqualTo(401);
        assertThat(call(tools, DISTINCTIVE_TOKEN, toolCall("echo"), null).statusCode())
                .isEqualTo(401);
        assertThat(call(tools, allowed, toolCall("admin_reset"), null).statusCode())
                .isEqualTo(403);
        String acme = token("/limited/mcp", "mcp:access", Map.of("org", "acme"));
        assertThat(call("/limited/mcp", acme, toolCall("echo"), null).statusCode())
                .isEqualTo(200);
        assertThat(call("/limited/mcp", acme, toolCall("echo"), null).statusCode())
                .isEqualTo(429);
        String down = token("/down/mcp", "", Map.of());
        assertThat(call("/down/mcp", down, toolCall("echo"), null).statusCode()).isEqualTo(502);

        // The client's trace id reached the upstream (tracing is off: its traceparent passes unchanged).
        assertThat(upstream.requests().get(0).header("traceparent")).contains(TRACE_ID);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(count(scrape, "tools", "tools/call", "echo", "allowed", "none"))
                    .as(() -> scrape.lines()
                            .filter(line -> line.startsWith("gateway_"))
                            .collect(java.util.stream.Collectors.joining("\n")))
                    .isEqualTo(1);
            assertThat(count(scrape, "tools", "none", "none", "unauthorized", "missing_token"))
                    .isEqualTo(1);
            assertThat(count(scrape, "tools", "none", "none", "unauthorized", "audience_mismatch"))
                    .isEqualTo(1);
            assertThat(count(scrape, "tools", "none", "none", "unauthorized", "malformed"))
                    .isEqualTo(1);
            assertThat(count(scrape, "tools", "tools/call", "admin_reset", "forbidden", "insufficient_scope"))
                    .isEqualTo(1);
            assertThat(count(scrape, "limited", "tools/call", "other", "allowed", "none"))
                    .isEqualTo(1);
            assertThat(count(scrape, "limited", "tools/call", "other", "rate_limited", "tenant"))
                    .isEqualTo(1);
            assertThat(count(scrape, "down", "tools/call", "other", "upstream_error", "upstream_unreachable"))
                    .isEqualTo(1);
            assertThat(scrape)
                    .contains("gateway_requests_rate_limited_total{route=\"limited\",tenant=\"acme\"} 1.0")
                    .contains("gateway_request_duration_seconds_count{route=\"tools\"} 5")
                    .contains("gateway_request_first_byte_seconds_count{route=\"tools\"} 5")
                    .contains("gateway_streams_open{route=\"tools\"} 0")
                    // The first use of each token misses the verified-token cache, every later one hits it.
                    .contains("gateway_token_cache_total{result=\"hit\"} 2.0")
                    .contains("gateway_jwks_fetches_total{result=\"success\",server=\"test\"} 1.0")
                    .contains("gateway_introspection_seconds_count{result=\"error\",server=\"opaque\"} 0")
                    .contains("gateway_circuit_state{route=\"down\",state=\"closed\"} 1.0");
            assertThat(AUDIT_LOGS.list).hasSize(8);
        });

        List<JsonNode> audit = new ArrayList<>();
        for (ILoggingEvent event : AUDIT_LOGS.list) {
            audit.add(JSON.readTree(event.getFormattedMessage()));
        }
        // On standard output each entry is a line of its own holding the JSON object and nothing else.
        List<String> auditLines = output.getOut()
                .lines()
                .filter(line -> line.contains("\"request_id\":"))
                .toList();
        assertThat(auditLines)
                .hasSize(8)
                .allSatisfy(line -> assertThat(line).startsWith("{\"time\":").endsWith("}"));
        assertThat(auditLines.stream().map(JSON::readTree).toList()).isEqualTo(audit);
        for (JsonNode line : audit) {
            List<String> fields = new ArrayList<>(line.propertyNames());
            // The tools route opts in to argument names; the others, and requests refused before inspection, not.
            if (line.has("argument_names")) {
                assertThat(line.get("route").asString()).isEqualTo("tools");
                assertThat(line.get("mcp_method").asString()).isEqualTo("tools/call");
                assertThat(fields.remove(fields.size() - 1)).isEqualTo("argument_names");
            }
            assertThat(fields)
                    .containsExactly(
                            "time",
                            "request_id",
                            "route",
                            "subject",
                            "client_id",
                            "tenant",
                            "http_method",
                            "mcp_method",
                            "tool",
                            "decision",
                            "outcome",
                            "reason",
                            "status",
                            "latency_ms");
        }
        assertThat(audit)
                .extracting(line -> line.get("route").asString() + " "
                        + line.get("decision").asString() + " "
                        + line.get("reason").asString() + " "
                        + line.get("status").asInt())
                .containsExactly(
                        "tools allow none 200",
                        "tools deny missing_token 401",
                        "tools deny audience_mismatch 401",
                        "tools deny malformed 401",
                        "tools deny insufficient_scope 403",
                        "limited allow none 200",
                        "limited deny tenant 429",
                        "down error upstream_unreachable 502");
        JsonNode first = audit.get(0);
        assertThat(first.get("subject").asString()).isEqualTo("alice");
        assertThat(first.get("client_id").asString()).isEqualTo("test-client");
        assertThat(first.get("tenant").asString()).isEqualTo("test-client");
        assertThat(first.get("mcp_method").asString()).isEqualTo("tools/call");
        assertThat(first.get("tool").asString()).isEqualTo("echo");
        assertThat(first.get("http_method").asString()).isEqualTo("POST");
        assertThat(first.get("request_id").asString()).isNotBlank();
        assertThat(audit.get(6).get("tenant").asString()).isEqualTo("acme");
        assertThat(first.get("argument_names").toString()).isEqualTo("[\"secret\"]");
        assertThat(audit.get(4).get("argument_names").toString()).isEqualTo("[\"secret\"]");
        assertThat(audit.get(1).has("argument_names")).isFalse();
        assertThat(audit.get(5).has("argument_names")).isFalse();
        assertThat(audit.get(1).get("subject").isNull()).isTrue();

        TOKENS_USED.add(DISTINCTIVE_TOKEN);
        StringBuilder everything = new StringBuilder(output.getAll());
        for (ILoggingEvent event : ALL_LOGS.list) {
            everything.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                everything.append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            everything.append(event.getMDCPropertyMap()).append('\n');
        }
        assertThat(ALL_LOGS.list).isNotEmpty();
        assertThat(everything).doesNotContain("argument-value-never-logged");
        for (String token : TOKENS_USED) {
            assertThat(everything).doesNotContain(token);
            // A JWT's signature, alone, is the part that makes it a credential.
            assertThat(everything).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
    }

    @Test
    @Order(2)
    void metricsAreServedOnTheManagementPortOnly() throws Exception {
        assertThat(scrape()).contains("gateway_requests_total");
        HttpResponse<String> onMcpPort = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onMcpPort.statusCode()).isEqualTo(404);
        assertThat(onMcpPort.body()).doesNotContain("gateway_requests_total");
    }

    @Test
    @Order(3)
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        JsonNode dashboard = JSON.readTree(Files.readString(Path.of("..", "observability", "grafana-dashboard.json")));
        List<String> queried = new ArrayList<>();
        Matcher names = Pattern.compile("\\bgateway_[a-z_]+").matcher(dashboard.toString());
        while (names.find()) {
            queried.add(names.group());
        }
        assertThat(queried).contains("gateway_requests_total", "gateway_request_first_byte_seconds_bucket");
        String scrape = scrape();
        for (String name : queried) {
            assertThat(Pattern.compile("(?m)^" + name + "[{ ]").matcher(scrape).find())
                    .as("the dashboard queries %s", name)
                    .isTrue();
        }
    }

    private static String token(String path, String scope, Map<String, Object> claims) {
        String token = authorizationServer.token(
                "http://127.0.0.1:" + port + path, scope, builder -> claims.forEach(builder::claim));
        TOKENS_USED.add(token);
        return token;
    }

    private static String toolCall(String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{\"secret\":\"argument-value-never-logged\"}}}";
    }

    private static HttpResponse<String> call(String path, String token, String body, String traceparent)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of {@code gateway_requests_total} with exactly these tags; 0 when the series is absent. */
    private static double count(
            String scrape, String route, String method, String tool, String outcome, String reason) {
        Pattern series = Pattern.compile("^gateway_requests_total\\{(.*)} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = series.matcher(scrape);
        while (matcher.find()) {
            String tags = matcher.group(1);
            if (tags.contains("route=\"" + route + "\"")
                    && tags.contains("method=\"" + method + "\"")
                    && tags.contains("tool=\"" + tool + "\"")
                    && tags.contains("outcome=\"" + outcome + "\"")
                    && tags.contains("reason=\"" + reason + "\"")) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return 0;
    }

    private static void attach(Logger logger, ListAppender<ILoggingEvent> appender) {
        appender.start();
        logger.addAppender(appender);
    }
}
