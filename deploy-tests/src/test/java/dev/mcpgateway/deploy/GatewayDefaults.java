package dev.mcpgateway.deploy;

import dev.mcpgateway.resilience.GracefulDrain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The gateway's own shutdown settings: its application.yml defaults and its fixed wait for streams to close. */
final class GatewayDefaults {

    private static final Map<String, Object> APPLICATION_YML = load();

    private GatewayDefaults() {}

    static Duration shutdownGracePeriod() {
        return duration("gateway", "shutdown-grace-period");
    }

    static Duration timeoutPerShutdownPhase() {
        return duration("spring", "lifecycle", "timeout-per-shutdown-phase");
    }

    /** How long {@link GracefulDrain} waits for streams to end after closing them (a constant of the class). */
    static Duration streamsCloseWait() {
        try {
            Field field = GracefulDrain.class.getDeclaredField("STREAMS_CLOSE_WAIT");
            field.setAccessible(true);
            return (Duration) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("GracefulDrain no longer has STREAMS_CLOSE_WAIT; update this test", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Duration duration(String... path) {
        Object node = APPLICATION_YML;
        for (String key : path) {
            node = ((Map<String, Object>) node).get(key);
        }
        return DurationStyle.detectAndParse(String.valueOf(node));
    }

    private static Map<String, Object> load() {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(Repository.path("gateway/src/main/resources/application.yml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
