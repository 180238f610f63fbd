package dev.mcpgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import org.junit.jupiter.api.Test;

class RoutesFileWatcherTest {

    @Test
    void eventsOnTheRoutesFileOrAConfigMapSwapTriggerARead() {
        assertThat(RoutesFileWatcher.concernsRoutesFile(
                        StandardWatchEventKinds.ENTRY_MODIFY, Path.of("routes.yaml"), "routes.yaml"))
                .isTrue();
        assertThat(RoutesFileWatcher.concernsRoutesFile(
                        StandardWatchEventKinds.ENTRY_CREATE, Path.of("..data"), "routes.yaml"))
                .isTrue();
        assertThat(RoutesFileWatcher.concernsRoutesFile(
                        StandardWatchEventKinds.ENTRY_CREATE, Path.of("..2026_12_01_10_00_00.123"), "routes.yaml"))
                .isTrue();
        assertThat(RoutesFileWatcher.concernsRoutesFile(StandardWatchEventKinds.OVERFLOW, null, "routes.yaml"))
                .isTrue();
    }

    @Test
    void eventsOnOtherFilesBesideTheRoutesWaitForThePeriodicRead() {
        assertThat(RoutesFileWatcher.concernsRoutesFile(
                        StandardWatchEventKinds.ENTRY_MODIFY, Path.of("gateway.log"), "routes.yaml"))
                .isFalse();
        assertThat(RoutesFileWatcher.concernsRoutesFile(
                        StandardWatchEventKinds.ENTRY_MODIFY, Path.of("routes.yaml.swp"), "routes.yaml"))
                .isFalse();
    }
}
