package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.McpAuthGatewayApplication;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The real gateway, started in this JVM with the environment the chart's Deployment gives the container (the same
 * variable names, read through Spring's environment-variable mapping, only the ports moved to free loopback ports)
 * and its routes in a directory laid out as the kubelet mounts the chart's ConfigMap: the probes' paths answer on
 * the management port and not on the MCP port, and a ConfigMap update (the {@code ..data} symlink swap) serves a new
 * route without a restart.
 */
class ChartPodSettingsIT {

    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static LocalPeers peers;
    private static KubeletConfigMapVolume volume;
    private static ConfigurableApplicationContext gateway;
    private static int httpPort;
    private static int managementPort;

    @BeforeAll
    static void startGatewayAsThePodWouldRunIt() throws IOException {
        GatewayPod pod = new GatewayPod(HelmChart.withDefaults().render().one(Deployment.class));
        VolumeMount routesMount = pod.mount("routes");
        String routesFile = pod.envValue("GATEWAY_ROUTES_FILE");
        assertThat(routesFile).startsWith(routesMount.getMountPath() + "/");

        peers = new LocalPeers();
        volume = new KubeletConfigMapVolume(Files.createTempDirectory("configmap-volume"));
        httpPort = freePort();
        managementPort = freePort();
        volume.publish(Map.of("routes.yaml", routes(false)));

        Map<String, Object> environment = new LinkedHashMap<>(pod.literalEnvironment());
        // The JVM's own variable: it configures this test JVM, not the application.
        environment.remove("JAVA_TOOL_OPTIONS");
        assertThat(environment).containsEntry("GATEWAY_WARM_UP_DURATION", "30s");
        // The chart's warm-up, shortened: readiness still waits for it, the suite not for 30 s.
        environment.put("GATEWAY_WARM_UP_DURATION", "2s");
        environment.put("SERVER_PORT", String.valueOf(httpPort));
        environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        environment.put(
                "GATEWAY_ROUTES_FILE",
                volume.directory()
                        .resolve(routesFile.substring(routesMount.getMountPath().length() + 1))
                        .toString());
        SystemEnvironmentPropertySource podEnvironment = new SystemEnvironmentPropertySource(
                "pod-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);

        gateway = new SpringApplicationBuilder(McpAuthGatewayApplication.class)
                .main(McpAuthGatewayApplication.class)
                .web(WebApplicationType.REACTIVE)
                .registerShutdownHook(false)
                .initializers(
                        context -> context.getEnvironment().getPropertySources().addFirst(podEnvironment))
                .run(
                        "--server.address=127.0.0.1",
                        "--management.server.address=127.0.0.1",
                        "--spring.main.banner-mode=off",
                        "--spring.jmx.enabled=false");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    void livenessProbeAnswersUpOnTheManagementPort() throws Exception {
        HttpResponse<String> liveness = get(managementPort, LIVENESS);

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void readinessProbeAnswersUpOnTheManagementPortOnceTheSigningKeysWereReadAndTheWarmUpIsOver() {
        // Like the kubelet, poll: readiness turns UP once the authorization server's keys were read after start and
        // the warm-up has ended.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> readiness = get(managementPort, READINESS);
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"status\":\"UP\"");
        });
    }

    @Test
    void serviceMonitorPathServesPrometheusMetricsOnTheManagementPortOnly() throws Exception {
        String path = HelmChart.withDefaults()
                .set("serviceMonitor.enabled", "true")
                .render()
                .one(ServiceMonitor.class)
                .getSpec()
                .getEndpoints()
                .get(0)
                .getPath();

        HttpResponse<String> scrape = get(managementPort, path);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("# TYPE gateway_requests_total counter");
        assertThat(get(httpPort, path).statusCode()).isEqualTo(404);
    }

    @Test
    void probePathsAreNotServedOnTheMcpPortThatTheIngressReaches() throws Exception {
        assertThat(get(httpPort, LIVENESS).statusCode()).isEqualTo(404);
        assertThat(get(httpPort, READINESS).statusCode()).isEqualTo(404);
    }

    @Test
    void configMapUpdateBySymlinkSwapServesTheNewRouteWithoutRestart() throws Exception {
        assertThat(call("/first/mcp")).isEqualTo(200);
        assertThat(call("/second/mcp")).isEqualTo(404);

        volume.publish(Map.of("routes.yaml", routes(true)));

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(call("/second/mcp")).isEqualTo(200));
        assertThat(call("/first/mcp")).isEqualTo(200);
        try (var entries = Files.list(volume.directory())) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .as("one version directory, as the kubelet leaves it")
                    .filteredOn(name -> name.startsWith("..2"))
                    .hasSize(1);
        }
    }

    /** An authenticated JSON-RPC ping through the gateway to the upstream; the status the client sees. */
    private static int call(String path) throws Exception {
        String resource = "http://127.0.0.1:" + httpPort + path;
        HttpRequest request = HttpRequest.newBuilder(URI.create(resource))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + peers.token(resource))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String routes(boolean withSecondRoute) {
        String second = """
                  - id: second
                    path: /second/mcp
                    upstream: %s
                    authorization-servers: [local]
                """.formatted(peers.upstream());
        return """
                gateway:
                  public-base-url: http://127.0.0.1:%d
                  authorization-servers:
                    local:
                      issuer: %s
                      jwks-uri: %s
                routes:
                  - id: first
                    path: /first/mcp
                    upstream: %s
                    authorization-servers: [local]
                """.formatted(httpPort, peers.issuer(), peers.jwksUri(), peers.upstream())
                + (withSecondRoute ? second : "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
