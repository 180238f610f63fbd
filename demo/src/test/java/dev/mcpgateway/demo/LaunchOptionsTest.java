package dev.mcpgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void defaultsMatchTheQuickstart() {
        LaunchOptions options = LaunchOptions.parse();

        assertThat(options)
                .isEqualTo(new LaunchOptions(
                        9000, 9001, 8080, Path.of("gateway/target/mcp-auth-gateway.jar"), Path.of("routes.yaml")));
    }

    @Test
    void everyOptionCanBeOverridden() {
        LaunchOptions options = LaunchOptions.parse(
                "--as-port=19000",
                "--upstream-port=19001",
                "--gateway-port=18080",
                "--gateway-jar=/opt/gw.jar",
                "--routes=conf/routes.yaml");

        assertThat(options)
                .isEqualTo(new LaunchOptions(19000, 19001, 18080, Path.of("/opt/gw.jar"), Path.of("conf/routes.yaml")));
    }

    @Test
    void unknownArgumentIsRejectedWithUsage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LaunchOptions.parse("--as-prot=9000"))
                .withMessageContaining("--as-prot=9000")
                .withMessageContaining("Usage:");
    }

    @Test
    void portOutOfRangeIsRejectedNamingTheOption() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LaunchOptions.parse("--gateway-port=70000"))
                .withMessageContaining("--gateway-port must be a port");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LaunchOptions.parse("--as-port=abc"))
                .withMessageContaining("--as-port must be a port");
    }
}
