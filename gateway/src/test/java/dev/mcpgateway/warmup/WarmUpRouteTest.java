package dev.mcpgateway.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.config.RouteRateLimits;
import dev.mcpgateway.config.RoutesFileParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's route as laid over each configuration of the file: its tenant limit lives in memory only, so a
 * reload during the warm-up that moves the buckets to Redis takes the limit away rather than charge the warm-up to the
 * deployment's Redis.
 */
class WarmUpRouteTest {

    private static final String SERVERS = """
            gateway:
              public-base-url: https://mcp.example.com
              authorization-servers: { corp: { issuer: https://auth.example.com } }
            """;
    private static final String ROUTE = """
            routes:
              - { id: a, path: /a/mcp, upstream: "http://a.internal/mcp", authorization-servers: [corp] }
            """;
    private static final RoutesFileParser PARSER = new RoutesFileParser(Map.<String, String>of()::get);

    @Test
    void theWarmUpsTenantLimitIsChargedInMemoryAndNeverInRedis() {
        GatewayConfig memory = PARSER.parse("routes.yaml", SERVERS + ROUTE);
        GatewayConfig redis =
                PARSER.parse("routes.yaml", SERVERS + "  rate-limit-store: redis://127.0.0.1:6379\n" + ROUTE);
        try (WarmUpPeer peer = WarmUpPeer.start()) {
            WarmUpRoute route = WarmUpRoute.forPeer(memory, peer);

            RouteConfig overMemory = warmUpRoute(route.overlay().apply(memory));
            RouteConfig overRedis = warmUpRoute(route.overlay().apply(redis));

            assertThat(overMemory.rateLimit()).isNotEqualTo(RouteRateLimits.NONE);
            assertThat(overRedis.rateLimit()).isEqualTo(RouteRateLimits.NONE);
            assertThat(overRedis.path()).isEqualTo(overMemory.path()).isEqualTo(route.path());
            assertThat(overRedis.resource()).isEqualTo(route.resource());
        }
    }

    @Test
    void aWarmUpStartedWithRedisGetsItsLimitBackWhenTheFileMovesTheBucketsToMemory() {
        GatewayConfig memory = PARSER.parse("routes.yaml", SERVERS + ROUTE);
        GatewayConfig redis =
                PARSER.parse("routes.yaml", SERVERS + "  rate-limit-store: redis://127.0.0.1:6379\n" + ROUTE);
        try (WarmUpPeer peer = WarmUpPeer.start()) {
            WarmUpRoute route = WarmUpRoute.forPeer(redis, peer);

            assertThat(warmUpRoute(route.overlay().apply(redis)).rateLimit()).isEqualTo(RouteRateLimits.NONE);
            assertThat(warmUpRoute(route.overlay().apply(memory)).rateLimit()).isNotEqualTo(RouteRateLimits.NONE);
        }
    }

    private static RouteConfig warmUpRoute(GatewayConfig config) {
        return config.routes().stream().filter(config::isWarmUp).findFirst().orElseThrow();
    }
}
