package dev.mcpgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoLauncherTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void missingGatewayJarExitsWithOneAndTellsHowToBuildIt(@TempDir Path dir) throws IOException {
        Path routes = Files.writeString(dir.resolve("routes.yaml"), "routes: []\n");

        int exitCode = launcher(dir.resolve("missing.jar"), routes).run();

        assertThat(exitCode).isEqualTo(1);
        assertThat(printed()).contains("Gateway jar not found", "missing.jar", "mvn -q package -DskipTests");
    }

    @Test
    void missingRoutesFileExitsWithOne(@TempDir Path dir) throws IOException {
        Path jar = Files.writeString(dir.resolve("gateway.jar"), "not really a jar");

        int exitCode = launcher(jar, dir.resolve("nope.yaml")).run();

        assertThat(exitCode).isEqualTo(1);
        assertThat(printed()).contains("Routes file not found", "nope.yaml");
    }

    @Test
    void bannerShowsEndpointsAndTheTokenCommandForTheRoute() {
        ReadyBanner banner =
                new ReadyBanner("http://127.0.0.1:8080", "http://127.0.0.1:9000", "http://127.0.0.1:9001/mcp");

        assertThat(banner.tokenCommand())
                .isEqualTo("curl -s -u demo-client:demo-secret -d grant_type=client_credentials"
                        + " -d scope='mcp:access mcp:tools' -d resource=http://127.0.0.1:8080/demo/mcp"
                        + " http://127.0.0.1:9000/oauth2/token");
        assertThat(banner.text())
                .contains(
                        "http://127.0.0.1:8080/demo/mcp",
                        banner.tokenCommand(),
                        "Authorization: Bearer $TOKEN",
                        "\"method\":\"initialize\"");
    }

    private DemoLauncher launcher(Path jar, Path routes) {
        return new DemoLauncher(
                new LaunchOptions(9000, 9001, 8080, jar, routes),
                new PrintStream(this.output, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return this.output.toString(StandardCharsets.UTF_8);
    }
}
