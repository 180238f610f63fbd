package dev.mcpgateway.warmup;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.config.RoutesFileParser;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The warm-up's route and authorization server, written as a {@code routes.yaml} text and read by the same parser as
 * the file (so it is validated, and gets every default, like any route): JWT validation against the {@link WarmUpPeer},
 * a tool map with a tool the warm-up's tokens may not call (step-up and list filtering run too), and a tenant rate
 * limit when limits are kept in memory (never in the deployment's Redis). Its path has a random part no client can
 * guess, and its tokens can only be signed inside this process; it is live only while the gateway warms up.
 */
final class WarmUpRoute {

    static final String ID = "mcp-gateway-warm-up";
    static final String SCOPE = "mcp:access mcp:tools";

    /** With the tenant limit, for a configuration whose buckets live in memory. */
    private final RouteConfig limited;
    /** Without it, for one whose buckets live in Redis: the warm-up never charges the deployment's Redis. */
    private final RouteConfig unlimited;

    private final AuthorizationServerConfig server;

    private WarmUpRoute(RouteConfig limited, RouteConfig unlimited, AuthorizationServerConfig server) {
        this.limited = limited;
        this.unlimited = unlimited;
        this.server = server;
    }

    /** The route for {@code config}'s public origin, sending to {@code peer}. */
    static WarmUpRoute forPeer(GatewayConfig config, WarmUpPeer peer) {
        String path = "/" + ID + "-" + UUID.randomUUID() + "/mcp";
        String rateLimit = """
                    rate-limit:
                      default: { capacity: 1000000000, refill: 1000000000/1s }
                """;
        GatewayConfig limited = parse(config, peer, path, rateLimit);
        GatewayConfig unlimited = parse(config, peer, path, "");
        return new WarmUpRoute(limited.routes().get(0), unlimited.routes().get(0), limited.authorizationServer(ID));
    }

    private static GatewayConfig parse(GatewayConfig config, WarmUpPeer peer, String path, String rateLimit) {
        String issuer = peer.issuer();
        String yaml = """
                gateway:
                  public-base-url: %s
                  authorization-servers:
                    %s:
                      issuer: %s
                      jwks-uri: %s/jwks
                routes:
                  - id: %s
                    name: Warm-up
                    path: %s
                    upstream: %s/mcp
                    authorization-servers: [%s]
                    scopes:
                      required: [mcp:access]
                      tools:
                        echo: [mcp:tools]
                        %s: [mcp:tools]
                        unlisted: [mcp:admin]
                        "*": []
                %s""".formatted(
                config.publicBaseUrl(), ID, issuer, issuer, ID, path, issuer, ID, WarmUpPeer.STREAMED_TOOL, rateLimit);
        return RoutesFileParser.withSystemEnvironment().parse("the warm-up route", yaml);
    }

    /**
     * What {@link dev.mcpgateway.config.GatewayConfigStore#overlay} adds to every configuration while it is live; the
     * tenant limit only where buckets live in memory, judged on each configuration (a reload may move them to Redis).
     */
    UnaryOperator<GatewayConfig> overlay() {
        return config -> config.withWarmUp(config.rateLimits().redis() == null ? limited : unlimited, server);
    }

    /** The path on the gateway, e.g. {@code /mcp-gateway-warm-up-<uuid>/mcp}. */
    String path() {
        return limited.path();
    }

    /** The resource its tokens are bound to (RFC 8707). */
    String resource() {
        return limited.resource();
    }
}
