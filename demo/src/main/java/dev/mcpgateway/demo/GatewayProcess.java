package dev.mcpgateway.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway jar run as a child process of the launcher, sharing its console.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Process process;

    private final URI readiness;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private GatewayProcess(Process process, URI readiness) {
        this.process = process;
        this.readiness = readiness;
    }

    /**
     * Starts {@code java -jar <gateway-jar> --gateway.routes-file=<routes> --server.port=<port>}
     * with the demo's issuer, upstream and public base URL in the environment, which
     * {@code routes.yaml} refers to as {@code ${DEMO_ISSUER}}, {@code ${DEMO_UPSTREAM}} and
     * {@code ${PUBLIC_BASE_URL}}.
     */
    static GatewayProcess start(LaunchOptions options, String issuer, String upstreamMcpUrl, String gatewayUrl)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java.toString(),
                        "-jar",
                        options.gatewayJar().toString(),
                        "--gateway.routes-file=" + options.routes(),
                        "--server.port=" + options.gatewayPort(),
                        // The quickstart's readiness probe and metrics on the MCP port: nothing routes to it but you.
                        "--management.server.port=" + options.gatewayPort()))
                .inheritIO();
        builder.environment().put("DEMO_ISSUER", issuer);
        builder.environment().put("DEMO_UPSTREAM", upstreamMcpUrl);
        builder.environment().put("PUBLIC_BASE_URL", gatewayUrl);
        return new GatewayProcess(builder.start(), URI.create(gatewayUrl + "/actuator/health/readiness"));
    }

    /**
     * Polls the readiness probe until it answers 200, the process exits or {@code timeout} passes.
     * @return whether the gateway is ready
     */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(this.readiness)
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        while (this.process.isAlive() && Instant.now().isBefore(deadline)) {
            if (answersOk(probe)) {
                return true;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return false;
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    int waitFor() throws InterruptedException {
        return this.process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        this.process.destroy();
        if (!this.process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            this.process.destroyForcibly().waitFor();
        }
    }

    private boolean answersOk(HttpRequest probe) throws InterruptedException {
        try {
            return this.http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException ex) {
            return false;
        }
    }
}
