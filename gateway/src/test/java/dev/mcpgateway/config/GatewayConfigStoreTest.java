package dev.mcpgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.RoutesSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static int occurrences(String text, String needle) {
        return (int)
                Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }
}
