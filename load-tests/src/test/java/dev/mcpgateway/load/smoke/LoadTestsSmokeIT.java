package dev.mcpgateway.load.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.load.keys.SigningKeys;
import dev.mcpgateway.load.keys.TokenMint;
import dev.mcpgateway.load.memory.MemorySample;
import dev.mcpgateway.load.simulations.CachedTokenToolsCallSimulation;
import dev.mcpgateway.load.simulations.MixedTrafficSimulation;
import dev.mcpgateway.load.simulations.NewTokenPerRequestSimulation;
import dev.mcpgateway.load.simulations.SseStreamsSimulation;
import dev.mcpgateway.load.simulations.UnauthenticatedStormSimulation;
import dev.mcpgateway.load.streams.StreamHolder;
import dev.mcpgateway.load.streams.StreamTally;
import dev.mcpgateway.load.upstream.BenchmarkUpstream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Smoke runs of the load tests in the normal build: the benchmark upstream and the real gateway (in this JVM, on
 * {@code bench-routes.yaml}) with every Gatling simulation for two seconds at a low rate, and the stream-memory
 * measurement with a few hundred streams. It proves the tools work and every request gets the status it should;
 * it never asserts speed. Each test waits for what it needs (counters, reports), never for a fixed time.
 */
class LoadTestsSmokeIT {

    private static final int STREAMS = 300;
    private static final Duration STREAM_OPEN_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static BenchmarkUpstream upstream;
    private static ConfigurableApplicationContext gateway;
    private static String gatewayUrl;
    private static Path tokenFile;

    @BeforeAll
    static void startUpstreamAndGateway() throws IOException, ClassNotFoundException {
        SigningKeys keys = SigningKeys.loadOrCreate(work.resolve("keys"));
        upstream = BenchmarkUpstream.start("127.0.0.1", 0, keys, null);
        int port = InProcessGateway.freePort();
        gatewayUrl = "http://127.0.0.1:" + port;
        Path routes = BenchRoutes.write(work.resolve("routes.yaml"), gatewayUrl, upstream.baseUrl(), 1000, 1000);
        gateway = InProcessGateway.start(routes, port);
        tokenFile = work.resolve("tokens.txt");
        new TokenMint(keys, upstream.baseUrl(), gatewayUrl + "/bench/mcp", Duration.ofHours(1))
                .writeTokens(tokenFile, 100);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void cachedTokenSimulationGets200ForEveryCallAndWritesItsReport() throws IOException {
        long before = upstream.calls();

        assertThat(simulate(CachedTokenToolsCallSimulation.class))
                .as("Gatling exit code (2: a request was KO)")
                .isZero();

        assertThat(upstream.calls()).as("calls that reached the upstream").isGreaterThan(before);
        assertThat(GatlingRun.report(CachedTokenToolsCallSimulation.class, results()))
                .isPresent();
    }

    @Test
    void newTokenSimulationGets200WithAFreshTokenOnEveryCall() {
        long before = upstream.calls();

        assertThat(simulate(NewTokenPerRequestSimulation.class)).isZero();

        assertThat(upstream.calls()).isGreaterThan(before);
    }

    @Test
    void sseSimulationReceivesThePrimingEventOnEveryStreamAndTenEventsOnEveryStreamedCall() {
        long streamsBefore = upstream.streamsOpened();

        assertThat(simulate(SseStreamsSimulation.class)).isZero();

        assertThat(upstream.streamsOpened() - streamsBefore)
                .as("GET streams the upstream saw")
                .isEqualTo(10);
    }

    @Test
    void stormOfGarbageTokensIsRefusedWith401AndNeverReachesTheUpstream() {
        long before = upstream.calls();

        assertThat(simulate(UnauthenticatedStormSimulation.class)).isZero();

        assertThat(upstream.calls()).isEqualTo(before);
    }

    @Test
    void mixedSimulationGetsTheExpectedStatusForEveryKindOfRequest() {
        long before = upstream.calls();

        assertThat(simulate(MixedTrafficSimulation.class)).isZero();

        assertThat(upstream.calls()).isGreaterThan(before);
    }

    @Test
    void streamMemoryMeasurementOpensEveryStreamAndMeasuresTheGatewaysMemory() throws Exception {
        long pid = ProcessHandle.current().pid();
        long openBefore = upstream.streamsOpen();
        MemorySample baseline = MemorySample.take(pid);

        try (StreamHolder holder = new StreamHolder()) {
            StreamTally tally = holder.open(
                            URI.create(gatewayUrl + "/bench/mcp"),
                            Files.readAllLines(tokenFile).subList(0, 8),
                            STREAMS,
                            100,
                            STREAM_OPEN_TIMEOUT)
                    .block();

            assertThat(tally.failuresByReason()).isEmpty();
            assertThat(tally.openedCount()).isEqualTo(STREAMS);
            await().atMost(Duration.ofSeconds(30)).until(() -> upstream.streamsOpen() - openBefore == STREAMS);
            MemorySample loaded = MemorySample.take(pid);
            assertThat(loaded.liveHeapBytes()).isPositive();
            assertThat(loaded.rssBytes()).isPositive();
            assertThat(baseline.liveHeapBytes()).isPositive();
            assertThat(tally.openNow()).as("streams still open after measuring").isEqualTo(STREAMS);
            System.out.printf(
                    "stream-memory smoke: %d streams, live heap %d -> %d bytes (%d per stream, test JVM included)%n",
                    STREAMS,
                    baseline.liveHeapBytes(),
                    loaded.liveHeapBytes(),
                    (loaded.liveHeapBytes() - baseline.liveHeapBytes()) / STREAMS);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> upstream.streamsOpen() == openBefore);
    }

    private static int simulate(Class<?> simulation) {
        return GatlingRun.run(
                simulation,
                results(),
                Map.of(
                        "load.baseUrl", gatewayUrl,
                        "load.tokenFile", tokenFile.toString(),
                        "load.rate", "10",
                        "load.seconds", "2",
                        "load.streams", "10",
                        "load.strict", "true"));
    }

    private static Path results() {
        return work.resolve("gatling");
    }
}
