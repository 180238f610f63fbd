package dev.mcpgateway.demo;

import dev.mcpgateway.demo.authserver.DemoAuthorizationServer;
import dev.mcpgateway.demo.upstream.DemoMcpUpstream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.jspecify.annotations.Nullable;

/**
 * One-command quickstart: starts the demo authorization server and the demo MCP upstream in this
 * JVM, then the gateway jar as a child process wired to both, waits for its readiness probe and
 * prints how to call it. Ctrl-C (or the gateway exiting) stops everything.
 */
public final class DemoLauncher {

    static final Duration READINESS_TIMEOUT = Duration.ofSeconds(60);

    private final LaunchOptions options;

    private final PrintStream out;

    private final Deque<AutoCloseable> running = new ConcurrentLinkedDeque<>();

    DemoLauncher(LaunchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        DemoLauncher launcher = new DemoLauncher(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "demo-launcher-shutdown"));
        System.exit(launcher.run());
    }

    /**
     * Runs the demo until the gateway exits.
     * @return the process exit code: the gateway's, or 1 when the demo could not start
     */
    int run() {
        Optional<String> missing = missingFiles();
        if (missing.isPresent()) {
            this.out.println(missing.get());
            return 1;
        }
        try {
            DemoAuthorizationServer authServer = track(DemoAuthorizationServer.start(this.options.authServerPort()));
            DemoMcpUpstream upstream = track(DemoMcpUpstream.start(this.options.upstreamPort()));
            String gatewayUrl = "http://127.0.0.1:" + this.options.gatewayPort();
            GatewayProcess gateway =
                    track(GatewayProcess.start(this.options, authServer.issuer(), upstream.mcpUrl(), gatewayUrl));
            if (!gateway.awaitReady(READINESS_TIMEOUT)) {
                this.out.println(
                        gateway.isAlive()
                                ? "The gateway did not become ready within " + READINESS_TIMEOUT.toSeconds() + " s."
                                : "The gateway exited during start-up; see its log above.");
                return 1;
            }
            this.out.println(new ReadyBanner(gatewayUrl, authServer.issuer(), upstream.mcpUrl()).text());
            return gateway.waitFor();
        } catch (IOException | RuntimeException ex) {
            this.out.println("The demo could not start: " + describe(ex));
            return 1;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            stopAll();
        }
    }

    /** Stops the gateway first, then the upstream and the authorization server. */
    void stopAll() {
        for (AutoCloseable resource = this.running.pollFirst(); resource != null; resource = this.running.pollFirst()) {
            try {
                resource.close();
            } catch (Exception ex) {
                this.out.println("Error while stopping " + resource + ": " + ex.getMessage());
            }
        }
    }

    /** What the launcher needs and cannot find, as a message for the person who started it. */
    private Optional<String> missingFiles() {
        Path jar = this.options.gatewayJar().toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            return Optional.of("Gateway jar not found: " + jar + System.lineSeparator()
                    + "Build it first from the repository root: mvn -q package -DskipTests");
        }
        Path routes = this.options.routes().toAbsolutePath().normalize();
        if (!Files.isRegularFile(routes)) {
            return Optional.of("Routes file not found: " + routes + System.lineSeparator()
                    + "Run from the repository root or pass --routes=<file>.");
        }
        return Optional.empty();
    }

    private static @Nullable String describe(Exception failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return (root == failure) ? failure.getMessage() : failure.getMessage() + " (" + root.getMessage() + ")";
    }

    private <T extends AutoCloseable> T track(T resource) {
        this.running.addFirst(resource);
        return resource;
    }
}
