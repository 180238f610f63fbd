package dev.mcpgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.config.ResilienceConfig.BulkheadSettings;
import dev.mcpgateway.config.ResilienceConfig.CircuitBreakerSettings;
import dev.mcpgateway.support.RoutesSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code resilience} and {@code streams} keys of a route: defaults, full form, and every rejected value with its key path. */
class RouteResilienceConfigTest {

    private static final String HEAD = """
            gateway:
              public-base-url: https://mcp.example.com
              authorization-servers: { corp: { issuer: https://auth.example.com } }
            routes:
              - id: r
                path: /r/mcp
                upstream: http://r.internal/mcp
                authorization-servers: [corp]
            """;

    private final RoutesFileParser parser = new RoutesFileParser(name -> null);

    @Test
    void routeWithoutTheKeysGetsTheDefaults() {
        RouteConfig route = parse("");
        assertThat(route.resilience()).isEqualTo(ResilienceConfig.DEFAULTS);
        assertThat(route.resilience())
                .isEqualTo(new ResilienceConfig(
                        new CircuitBreakerSettings(50, 10, 20, Duration.ofSeconds(30), 3),
                        new BulkheadSettings(100, 1000),
                        true));
        assertThat(route.streams()).isEqualTo(new StreamsConfig(null, true));
        assertThat(route.streams().keepAliveEnabled()).isFalse();
    }

    @Test
    void everyKeyIsRead() {
        RouteConfig route = parse("""
                    resilience:
                      circuit-breaker: { failure-rate-threshold: 100, minimum-calls: 3, sliding-window: 5, wait-in-open: 10s, half-open-calls: 1 }
                      bulkhead: { max-concurrent-calls: 8, max-streams: 2 }
                      retry-connect: false
                    streams: { keep-alive: 15s, close-on-token-expiry: false }
                """);
        assertThat(route.resilience())
                .isEqualTo(new ResilienceConfig(
                        new CircuitBreakerSettings(100, 3, 5, Duration.ofSeconds(10), 1),
                        new BulkheadSettings(8, 2),
                        false));
        assertThat(route.streams()).isEqualTo(new StreamsConfig(Duration.ofSeconds(15), false));
    }

    @Test
    void partialSectionsKeepTheOtherDefaults() {
        RouteConfig route =
                parse("    resilience: { bulkhead: { max-streams: 4 } }\n    streams: { keep-alive: off }\n");
        assertThat(route.resilience().bulkhead()).isEqualTo(new BulkheadSettings(100, 4));
        assertThat(route.resilience().circuitBreaker()).isEqualTo(CircuitBreakerSettings.DEFAULTS);
        assertThat(route.streams().keepAlive()).isNull();
    }

    @Test
    void aSlidingWindowSmallerThanTheDefaultMinimumLowersTheMinimum() {
        assertThat(parse("    resilience: { circuit-breaker: { sliding-window: 4 } }\n")
                        .resilience()
                        .circuitBreaker()
                        .minimumCalls())
                .isEqualTo(4);
    }

    @Test
    void theDocumentedExampleRoutesFileIsValid() throws Exception {
        GatewayConfig example = parser.parse("routes.yaml", Files.readString(Path.of("..", "routes.yaml")));
        assertThat(example.routes().get(0).streams().keepAlive()).isEqualTo(Duration.ofSeconds(25));
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(
                        "    resilience: { retries: 2 }\n",
                        "routes[0].resilience.retries: unknown key (allowed here: bulkhead, circuit-breaker, retry-connect)"),
                Arguments.of(
                        "    resilience: { circuit-breaker: { failure-rate-threshold: 0 } }\n",
                        "routes[0].resilience.circuit-breaker.failure-rate-threshold: '0' must be a whole number from 1 to 100"),
                Arguments.of(
                        "    resilience: { circuit-breaker: { failure-rate-threshold: 50% } }\n",
                        "routes[0].resilience.circuit-breaker.failure-rate-threshold: '50%' must be a whole number from 1 to 100"),
                Arguments.of(
                        "    resilience: { circuit-breaker: { minimum-calls: 30, sliding-window: 20 } }\n",
                        "routes[0].resilience.circuit-breaker.minimum-calls: must not exceed sliding-window (20)"),
                Arguments.of(
                        "    resilience: { circuit-breaker: { wait-in-open: 0s } }\n",
                        "routes[0].resilience.circuit-breaker.wait-in-open: must be a positive duration"),
                Arguments.of(
                        "    resilience: { circuit-breaker: { half-open-calls: many } }\n",
                        "routes[0].resilience.circuit-breaker.half-open-calls: 'many' must be a whole number from 1 to 100000"),
                Arguments.of(
                        "    resilience: { bulkhead: { max-streams: 0 } }\n",
                        "routes[0].resilience.bulkhead.max-streams: '0' must be a whole number from 1 to 100000"),
                Arguments.of(
                        "    resilience: { retry-connect: maybe }\n",
                        "routes[0].resilience.retry-connect: 'maybe' must be true or false"),
                Arguments.of("    resilience: [a]\n", "routes[0].resilience: must be a mapping of keys to values"),
                Arguments.of(
                        "    streams: { keep-alive: 0s }\n",
                        "routes[0].streams.keep-alive: must be a positive duration or off"),
                Arguments.of(
                        "    streams: { keep-alive: often }\n",
                        "routes[0].streams.keep-alive: 'often' is not a duration"),
                Arguments.of(
                        "    streams: { close-on-token-expiry: sometimes }\n",
                        "routes[0].streams.close-on-token-expiry: 'sometimes' must be true or false"),
                Arguments.of("    streams: { keepalive: 5s }\n", "routes[0].streams.keepalive: unknown key"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badValueIsRejectedWithItsKeyPath(String yaml, String expectedProblem) {
        assertThatThrownBy(() -> parser.parse("routes.yaml", HEAD + yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(expectedProblem);
    }

    private RouteConfig parse(String routeExtras) {
        return parser.parse("routes.yaml", RoutesSchema.valid(HEAD + routeExtras))
                .routes()
                .get(0);
    }
}
