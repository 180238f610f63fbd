package dev.mcpgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.RoutesSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Reload semantics: last good configuration keeps serving; each broken edit is reported once, not on every poll. */
@ExtendWith(OutputCaptureExtension.class)
class GatewayConfigStoreTest {

    private static final String VALID = """
            gateway:
              public-base-url: https://mcp.example.com
              authorization-servers: { corp: { issuer: https://auth.example.com } }
            routes:
              - { id: a, path: /a/mcp, upstream: "http://a.internal/mcp", authorization-servers: [corp] }
            """;

    /** A route and server to lay over the file's configuration, as the warm-up does. */
    private static final String EXTRA = """
            gateway:
              public-base-url: https://mcp.example.com
              authorization-servers: { warm: { issuer: "http://127.0.0.1:1" } }
            routes:
              - { id: warm, path: /warm/mcp, upstream: "http://127.0.0.1:1/mcp", authorization-servers: [warm] }
            """;

    private final RoutesFileParser parser = new RoutesFileParser(Map.<String, String>of()::get);

    @Test
    void brokenFileIsReportedOnceAndTheLastGoodConfigurationKeepsServing(@TempDir Path directory, CapturedOutput output)
            throws IOException {
        Path file = Files.writeString(directory.resolve("routes.yaml"), RoutesSchema.valid(VALID));
        GatewayConfigStore store = new GatewayConfigStore(file, parser);

        Files.writeString(file, VALID.replace("/a/mcp", "a/mcp"));
        assertThat(store.reload()).isFalse();
        assertThat(store.reload()).isFalse();
        assertThat(store.reload()).isFalse();

        assertThat(store.current().routes()).extracting(RouteConfig::path).containsExactly("/a/mcp");
        assertThat(occurrences(output.getOut(), "routes[0].path: 'a/mcp' must start with '/'"))
                .isEqualTo(1);
    }

    @Test
    void fixedFileGoesLiveAndTheSameMistakeMadeAgainIsReportedAgain(@TempDir Path directory, CapturedOutput output)
            throws IOException {
        Path file = Files.writeString(directory.resolve("routes.yaml"), RoutesSchema.valid(VALID));
        GatewayConfigStore store = new GatewayConfigStore(file, parser);
        String broken = VALID.replace("/a/mcp", "a/mcp");

        Files.writeString(file, broken);
        assertThat(store.reload()).isFalse();
        Files.writeString(file, RoutesSchema.valid(VALID.replace("/a/mcp", "/b/mcp")));
        assertThat(store.reload()).isTrue();
        Files.writeString(file, broken);
        assertThat(store.reload()).isFalse();

        assertThat(store.current().routes()).extracting(RouteConfig::path).containsExactly("/b/mcp");
        assertThat(occurrences(output.getOut(), "routes[0].path: 'a/mcp' must start with '/'"))
                .isEqualTo(2);
    }

    @Test
    void missingFileIsReportedOnceUntilItReturns(@TempDir Path directory, CapturedOutput output) throws IOException {
        Path file = Files.writeString(directory.resolve("routes.yaml"), RoutesSchema.valid(VALID));
        GatewayConfigStore store = new GatewayConfigStore(file, parser);

        Files.delete(file);
        store.reload();
        store.reload();

        assertThat(occurrences(output.getOut(), "Cannot read ")).isEqualTo(1);
        assertThat(store.current().routes()).hasSize(1);
    }

    @Test
    void anOverlayGoesLiveThroughPreparersAndListenersAndOutlivesAReloadOfTheFile(@TempDir Path directory)
            throws IOException {
        Path file = Files.writeString(directory.resolve("routes.yaml"), RoutesSchema.valid(VALID));
        GatewayConfigStore store = new GatewayConfigStore(file, parser);
        List<List<String>> prepared = new ArrayList<>();
        List<List<String>> announced = new ArrayList<>();
        store.beforeChange(config -> prepared.add(paths(config)));
        store.onChange(config -> announced.add(paths(config)));
        GatewayConfig extra = parser.parse("extra", EXTRA);

        assertThat(store.overlay(config -> config.withWarmUp(extra.routes().get(0), extra.authorizationServer("warm"))))
                .isEmpty();
        assertThat(paths(store.current())).containsExactly("/a/mcp", "/warm/mcp");
        assertThat(store.current().isWarmUp(store.current().routes().get(1))).isTrue();
        assertThat(store.current().isWarmUp(store.current().routes().get(0))).isFalse();

        Files.writeString(file, RoutesSchema.valid(VALID.replace("/a/mcp", "/b/mcp")));
        assertThat(store.reload()).isTrue();
        assertThat(paths(store.current())).containsExactly("/b/mcp", "/warm/mcp");

        store.removeOverlay();
        assertThat(paths(store.current())).containsExactly("/b/mcp");
        assertThat(store.current().routes()).noneMatch(store.current()::isWarmUp);
        assertThat(prepared).isEqualTo(announced);
        assertThat(announced)
                .containsExactly(List.of("/a/mcp", "/warm/mcp"), List.of("/b/mcp", "/warm/mcp"), List.of("/b/mcp"));
    }

    @Test
    void anOverlayTheChecksRefuseChangesNothing(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("routes.yaml"), RoutesSchema.valid(VALID));
        GatewayConfigStore store = new GatewayConfigStore(file, parser);
        GatewayConfig before = store.current();
        store.addCheck(config -> config.routes().size() > 1
                ? List.of(new ConfigException.ConfigProblem("routes", "too many"))
                : List.of());
        GatewayConfig extra = parser.parse("extra", EXTRA);

        assertThat(store.overlay(config -> config.withWarmUp(extra.routes().get(0), extra.authorizationServer("warm"))))
                .isNotEmpty();
        assertThat(store.current()).isSameAs(before);
        Files.writeString(file, RoutesSchema.valid(VALID.replace("/a/mcp", "/b/mcp")));
        assertThat(store.reload()).isTrue();
        assertThat(paths(store.current())).containsExactly("/b/mcp");
    }

    @Test
    void aReloadedFileThatClashesWithTheOverlayWinsAndTheOverlayEnds(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("routes.yaml"), RoutesSchema.valid(VALID));
        GatewayConfigStore store = new GatewayConfigStore(file, parser);
        GatewayConfig extra = parser.parse("extra", EXTRA);
        store.overlay(config -> config.withWarmUp(extra.routes().get(0), extra.authorizationServer("warm")));

        Files.writeString(file, RoutesSchema.valid(VALID.replace("/a/mcp", "/warm/mcp")));
        assertThat(store.reload()).isTrue();

        assertThat(paths(store.current())).containsExactly("/warm/mcp");
        assertThat(store.current().routes()).noneMatch(store.current()::isWarmUp);
    }

    @Test
    void aReloadThatClashesWithTheOverlayButIsRejectedLeavesTheOverlayRemovable(@TempDir Path directory)
            throws IOException {
        Path file = Files.writeString(directory.resolve("routes.yaml"), RoutesSchema.valid(VALID));
        GatewayConfigStore store = new GatewayConfigStore(file, parser);
        store.addCheck(
                config -> config.routes().stream().anyMatch(route -> route.id().equals("refused"))
                        ? List.of(new ConfigException.ConfigProblem("routes", "refused"))
                        : List.of());
        GatewayConfig extra = parser.parse("extra", EXTRA);
        store.overlay(config -> config.withWarmUp(extra.routes().get(0), extra.authorizationServer("warm")));

        Files.writeString(
                file, RoutesSchema.valid(VALID.replace("id: a, path: /a/mcp", "id: refused, path: /warm/mcp")));
        assertThat(store.reload()).isFalse();
        assertThat(paths(store.current())).containsExactly("/a/mcp", "/warm/mcp");

        store.removeOverlay();

        assertThat(paths(store.current())).containsExactly("/a/mcp");
        assertThat(store.current().routes()).noneMatch(store.current()::isWarmUp);
    }

    private static List<String> paths(GatewayConfig config) {
        return config.routes().stream().map(RouteConfig::path).toList();
    }

    private static int occurrences(String text, String needle) {
        return (int)
                Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }
}
