package dev.mcpgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.support.RoutesSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rate-limit keys of routes.yaml: a golden dump of every key, defaults, and each broken value with its key path. */
class RateLimitConfigTest {

    private static final String SERVERS = """
            gateway:
              public-base-url: https://mcp.example.com
              authorization-servers: { corp: { issuer: https://auth.example.com } }
            """;
    private static final String ROUTE = """
            routes:
              - id: r
                path: /r/mcp
                upstream: http://r.internal/mcp
                authorization-servers: [corp]
            """;

    private final RoutesFileParser parser = new RoutesFileParser(Map.<String, String>of()::get);

    @Test
    void everyRateLimitKeyNormalizesToTheGoldenDump() {
        GatewayConfig config = parser.parse("rate-limit-routes.yaml", resource("rate-limit-routes.yaml"));
        assertThat(dump(config)).isEqualTo(resource("rate-limit-routes.golden"));
    }

    @Test
    void theDocumentedExampleRoutesFileWithItsRateLimitIsValid() throws IOException {
        GatewayConfig config = parser.parse("routes.yaml", Files.readString(Path.of("..", "routes.yaml")));
        assertThat(config.routes().get(0).rateLimit().defaultPlan())
                .isEqualTo(new RateLimitPlan(60, 60, Duration.ofMinutes(1)));
    }

    @Test
    void withoutRateLimitKeysTheStoreIsMemoryFailingOpenAndUnauthenticatedTrafficGetsTheDefaultLimit() {
        GatewayConfig config = parser.parse("routes.yaml", RoutesSchema.valid(SERVERS + ROUTE));
        assertThat(config.rateLimits()).isEqualTo(GatewayRateLimits.DEFAULTS);
        assertThat(config.rateLimits().storeDescription()).isEqualTo("memory");
        assertThat(config.rateLimits().unauthenticated()).isEqualTo(new RateLimitPlan(120, 120, Duration.ofMinutes(1)));
        assertThat(config.trustedProxies()).isEmpty();
        assertThat(config.routes().get(0).rateLimit()).isEqualTo(RouteRateLimits.NONE);
        assertThat(config.routes().get(0).tenantClaim()).isNull();
    }

    @Test
    void unauthenticatedLimitCanBeSwitchedOff() {
        GatewayConfig config = parser.parse(
                "routes.yaml", RoutesSchema.valid(SERVERS + "  unauthenticated-rate-limit: off\n" + ROUTE));
        assertThat(config.rateLimits().unauthenticated()).isNull();
    }

    @Test
    void memoryStoreCanBeNamedExplicitly() {
        GatewayConfig config =
                parser.parse("routes.yaml", RoutesSchema.valid(SERVERS + "  rate-limit-store: memory\n" + ROUTE));
        assertThat(config.rateLimits().redis()).isNull();
    }

    @Test
    void redisPasswordNeverAppearsInAnError() {
        assertThatThrownBy(() -> parser.parse(
                        "routes.yaml", SERVERS + "  rate-limit-store: http://:hunter2@redis:6379\n" + ROUTE))
                .hasMessageContaining("gateway.rate-limit-store: must be 'memory', redis://")
                .hasMessageNotContaining("hunter2");
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of(
                        SERVERS + "  rate-limit-store: redis:6379\n" + ROUTE,
                        "gateway.rate-limit-store: must be 'memory', redis://[[user:]password@]host[:port][/database]"),
                Arguments.of(
                        SERVERS + "  rate-limit-on-store-failure: maybe\n" + ROUTE,
                        "gateway.rate-limit-on-store-failure: 'maybe' must be allow or deny"),
                Arguments.of(
                        SERVERS + "  unauthenticated-rate-limit: lots\n" + ROUTE,
                        "gateway.unauthenticated-rate-limit: must be a plan like { capacity: 120, refill: 120/1m } or off"),
                Arguments.of(
                        SERVERS + "  unauthenticated-rate-limit: { capacity: 10 }\n" + ROUTE,
                        "gateway.unauthenticated-rate-limit.refill: is required"),
                Arguments.of(
                        SERVERS + "  trusted-proxies: [proxy.internal]\n" + ROUTE,
                        "gateway.trusted-proxies[0]: 'proxy.internal' is not an IP address or CIDR range"),
                Arguments.of(
                        SERVERS + "  trusted-proxies: [10.0.0.0/33]\n" + ROUTE,
                        "gateway.trusted-proxies[0]: '10.0.0.0/33' has an invalid prefix length (0 to 32)"),
                Arguments.of(
                        SERVERS + ROUTE + "    rate-limit: { default: { capacity: 0, refill: 1/1m } }\n",
                        "routes[0].rate-limit.default.capacity: '0' must be a whole number of at least 1"),
                Arguments.of(
                        SERVERS + ROUTE + "    rate-limit: { default: { capacity: 5, refill: 60 per minute } }\n",
                        "routes[0].rate-limit.default.refill: '60 per minute' is not a refill rate (use <tokens>/<duration>, e.g. 60/1m)"),
                Arguments.of(
                        SERVERS + ROUTE + "    rate-limit: { default: { capacity: 5, refill: 60/0s } }\n",
                        "routes[0].rate-limit.default.refill: '60/0s' needs a positive period"),
                Arguments.of(
                        SERVERS + ROUTE + "    rate-limit: { default: { capacity: 5, refill: 2000000/1ms } }\n",
                        "routes[0].rate-limit.default.refill: '2000000/1ms' refills more than one token per nanosecond"),
                Arguments.of(
                        SERVERS + ROUTE + "    rate-limit: { default: { capacity: 5000000000, refill: 1/1m } }\n",
                        "routes[0].rate-limit.default: capacity and refill tokens must be at most 1000000000"),
                Arguments.of(
                        SERVERS + ROUTE + "    rate-limit: { default: { capacity: 5, refill: 5/1m, burst: 9 } }\n",
                        "routes[0].rate-limit.default.burst: unknown key (allowed here: capacity, refill)"),
                Arguments.of(
                        SERVERS + ROUTE + "    rate-limit: { tenant: { acme: { capacity: 5, refill: 5/1m } } }\n",
                        "routes[0].rate-limit.tenant: unknown key (allowed here: default, tenants, tools)"),
                Arguments.of(
                        SERVERS + ROUTE + "    rate-limit: { tools: { echo: 5 } }\n",
                        "routes[0].rate-limit.tools.echo: must be a plan like { capacity: 120, refill: 60/1m }"),
                Arguments.of(
                        SERVERS + ROUTE + "    tenant-claim: \"org id\"\n",
                        "routes[0].tenant-claim: 'org id' is not a claim name"));
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void brokenRateLimitValueIsRejectedWithItsKeyPath(String yaml, String expectedProblem) {
        assertThatThrownBy(() -> parser.parse("routes.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(expectedProblem);
    }

    private static String dump(GatewayConfig config) {
        StringBuilder out = new StringBuilder();
        GatewayRateLimits limits = config.rateLimits();
        out.append("rate-limit-store: ").append(limits.storeDescription()).append('\n');
        out.append("rate-limit-on-store-failure: ")
                .append(limits.onStoreFailure())
                .append('\n');
        out.append("unauthenticated-rate-limit: ")
                .append(limits.unauthenticated())
                .append('\n');
        out.append("trusted-proxies: ").append(config.trustedProxies()).append('\n');
        for (RouteConfig route : config.routes()) {
            out.append("route ")
                    .append(route.id())
                    .append(": tenant-claim=")
                    .append(route.tenantClaim() == null ? "(client id, then subject)" : route.tenantClaim())
                    .append('\n');
            RouteRateLimits plans = route.rateLimit();
            if (plans.isEmpty()) {
                out.append("  (no rate limit)\n");
            }
            if (plans.defaultPlan() != null) {
                out.append("  default: ").append(plans.defaultPlan()).append('\n');
            }
            new TreeMap<>(plans.tenants())
                    .forEach((name, plan) -> out.append("  tenant ")
                            .append(name)
                            .append(": ")
                            .append(plan)
                            .append('\n'));
            new TreeMap<>(plans.tools())
                    .forEach((name, plan) -> out.append("  tool ")
                            .append(name)
                            .append(": ")
                            .append(plan)
                            .append('\n'));
        }
        return out.toString();
    }

    private static String resource(String name) {
        try (var in = RateLimitConfigTest.class.getResourceAsStream("/config/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
