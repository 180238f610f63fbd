package dev.mcpgateway.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.RoutesFileParser;
import dev.mcpgateway.support.RoutesSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

/** Readiness and the settings of the warm-up, without starting one. */
class GatewayWarmUpTest {

    @Test
    void aGatewayThatWillWarmUpIsNotReadyUntilItHas(@TempDir Path directory) throws IOException {
        GatewayWarmUp warmUp = new GatewayWarmUp(store(directory), new WarmUpSettings(Duration.ofSeconds(30), 16, 10));

        assertThat(warmUp.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(warmUp.health().getDetails()).containsEntry("warmUp", "pending");
        assertThat(warmUp.finished()).isFalse();
    }

    @Test
    void withoutAWarmUpReadinessDoesNotWait(@TempDir Path directory) throws IOException {
        GatewayWarmUp warmUp = new GatewayWarmUp(store(directory), new WarmUpSettings(Duration.ZERO, 16, 10));

        assertThat(warmUp.health().getStatus()).isEqualTo(Status.UP);
        assertThat(warmUp.health().getDetails()).containsEntry("warmUp", "off");
        assertThat(warmUp.finished()).isTrue();
    }

    @Test
    void aShutdownBeforeTheWarmUpStartedNeverLeavesTheReplicaWaiting(@TempDir Path directory) throws IOException {
        GatewayWarmUp warmUp = new GatewayWarmUp(store(directory), new WarmUpSettings(Duration.ofSeconds(30), 16, 10));

        warmUp.close();

        assertThat(warmUp.finished()).isTrue();
        assertThat(warmUp.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void settingsOutsideTheirBoundsAreRefusedNamingTheProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WarmUpSettings(Duration.ofSeconds(-1), 16, 10))
                .withMessageContaining("gateway.warm-up.duration");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WarmUpSettings(Duration.ofHours(1), 16, 10))
                .withMessageContaining("gateway.warm-up.duration");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WarmUpSettings(Duration.ofSeconds(30), 0, 10))
                .withMessageContaining("gateway.warm-up.connections");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WarmUpSettings(Duration.ofSeconds(30), 16, 0))
                .withMessageContaining("gateway.warm-up.max-requests");
    }

    private static GatewayConfigStore store(Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("routes.yaml"), RoutesSchema.valid("""
                gateway:
                  public-base-url: https://mcp.example.com
                  authorization-servers: { corp: { issuer: https://auth.example.com } }
                routes:
                  - { id: a, path: /a/mcp, upstream: "http://a.internal/mcp", authorization-servers: [corp] }
                """));
        return new GatewayConfigStore(file, new RoutesFileParser(Map.<String, String>of()::get));
    }
}
