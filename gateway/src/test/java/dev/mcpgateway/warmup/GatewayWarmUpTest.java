package dev.mcpgateway.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.config.RoutesFileParser;
import dev.mcpgateway.support.RoutesSchema;
import dev.mcpgateway.support.TestPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mock.env.MockEnvironment;

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
    void aWarmUpWhoseOwnPortDoesNotAnswerFailsAndTurnsReadyOnlyOnceItsRouteIsGone(@TempDir Path directory)
            throws IOException {
        GatewayConfigStore store = store(directory);
        GatewayWarmUp warmUp = new GatewayWarmUp(store, new WarmUpSettings(Duration.ofSeconds(60), 1, 100_000));
        List<Boolean> finishedWhenTheRouteWent = new CopyOnWriteArrayList<>();
        store.onChange(config -> {
            if (config.routes().stream().noneMatch(config::isWarmUp)) {
                finishedWhenTheRouteWent.add(warmUp.finished());
            }
        });

        warmUp.start(TestPeers.freePort());

        await().atMost(Duration.ofSeconds(60)).until(warmUp::finished);
        assertThat(finishedWhenTheRouteWent).containsExactly(false);
        assertThat(warmUp.health().getStatus()).isEqualTo(Status.UP);
        assertThat(warmUp.health().getDetails()).containsEntry("warmUp", "failed");
        assertThat(warmUp.summary()).contains("no answer: 100");
        assertThat(store.current().routes()).noneMatch(store.current()::isWarmUp);
    }

    @Test
    void aListenerFailingAsTheRouteGoesLiveLeavesNoWarmUpRouteBehind(@TempDir Path directory) throws IOException {
        GatewayConfigStore store = store(directory);
        store.onChange(config -> {
            if (config.routes().stream().anyMatch(config::isWarmUp)) {
                throw new IllegalStateException("a listener fails on the warm-up's configuration");
            }
        });
        GatewayWarmUp warmUp = new GatewayWarmUp(store, new WarmUpSettings(Duration.ofSeconds(30), 1, 10));

        warmUp.start(TestPeers.freePort());

        await().atMost(Duration.ofSeconds(60)).until(warmUp::finished);
        assertThat(warmUp.health().getStatus()).isEqualTo(Status.UP);
        assertThat(warmUp.health().getDetails()).containsEntry("warmUp", "failed");
        assertThat(store.current().routes()).extracting(RouteConfig::id).containsExactly("a");
        // Nor does the next reload bring it back.
        Files.writeString(
                directory.resolve("routes.yaml"),
                Files.readString(directory.resolve("routes.yaml")).replace("/a/mcp", "/b/mcp"));
        assertThat(store.reload()).isTrue();
        assertThat(store.current().routes()).extracting(RouteConfig::path).containsExactly("/b/mcp");
    }

    @Test
    void anErrorWhileTheWarmUpStartsNeverLeavesTheReplicaOutOfService(@TempDir Path directory) throws IOException {
        GatewayConfigStore store = store(directory);
        store.addCheck(config -> {
            throw new NoClassDefFoundError("simulated: a class the warm-up needs is missing");
        });
        GatewayWarmUp warmUp = new GatewayWarmUp(store, new WarmUpSettings(Duration.ofSeconds(30), 1, 10));

        warmUp.start(TestPeers.freePort());

        await().atMost(Duration.ofSeconds(60)).until(warmUp::finished);
        assertThat(warmUp.health().getStatus()).isEqualTo(Status.UP);
        assertThat(store.current().routes()).extracting(RouteConfig::id).containsExactly("a");
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

    @Test
    void settingsThatDoNotReadAreRefusedNamingTheirKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WarmUpConfiguration.settings(
                        new MockEnvironment().withProperty("gateway.warm-up.duration", "soon")))
                .withMessage("gateway.warm-up.duration: 'soon' is not a duration (use 0s to turn it off, 30s, 1m or"
                        + " ISO-8601 like PT30S)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WarmUpConfiguration.settings(
                        new MockEnvironment().withProperty("gateway.warm-up.connections", "many")))
                .withMessage("gateway.warm-up.connections: 'many' is not a whole number");
    }

    @Test
    void settingsReadAsTheHelmChartAndTheDefaultsWriteThem() {
        WarmUpSettings chart = WarmUpConfiguration.settings(new MockEnvironment()
                .withProperty("gateway.warm-up.duration", "30s")
                .withProperty("gateway.warm-up.connections", "16"));
        assertThat(chart).isEqualTo(new WarmUpSettings(Duration.ofSeconds(30), 16, 2_000_000));
        assertThat(WarmUpConfiguration.settings(new MockEnvironment()).enabled())
                .isFalse();
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
