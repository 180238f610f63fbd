package dev.mcpgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.support.RoutesSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden tests for routes.yaml: a full fixture normalizes to a checked-in dump; each broken file gets an exact message. */
class RoutesFileParserTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("PARTNER_ISSUER", "https://partner.example.org");
    private final RoutesFileParser parser = new RoutesFileParser(ENVIRONMENT::get);

    @Test
    void validFileNormalizesToTheGoldenDump() {
        GatewayConfig config = parser.parse("valid-routes.yaml", resource("valid-routes.yaml"));
        assertThat(dump(config)).isEqualTo(resource("valid-routes.golden"));
    }

    @Test
    void everyProblemInAFileIsReportedAtOnce() {
        String yaml = """
                gateway:
                  public-base-url: https://mcp.example.com
                  authorization-servers: { corp: { issuer: https://auth.example.com } }
                routes:
                  - id: a
                    path: /a/mcp
                    upstream: ftp://a.internal/mcp
                    authorization-servers: [corp]
                  - id: a
                    path: /b/mcp
                    upstream: http://b.internal/mcp
                    authorization-servers: [nope]
                """;
        assertThatThrownBy(() -> parser.parse("routes.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessage("""
                        Invalid configuration in routes.yaml:
                          - routes[0].upstream: 'ftp://a.internal/mcp' must be an absolute http:// or https:// URL
                          - routes[1].id: duplicate route id 'a' (already used at routes[0].id)
                          - routes[1].authorization-servers[0]: unknown authorization server 'nope' (defined: corp)
                          - routes[1].authorization-servers: must name at least one authorization server""".replace("\n", System.lineSeparator()));
    }

    static Stream<Arguments> brokenFiles() {
        String servers =
                "gateway:\n  public-base-url: https://mcp.example.com\n  authorization-servers: { corp: { issuer: https://auth.example.com } }\n";
        String route =
                "  - id: r\n    path: /r/mcp\n    upstream: http://r.internal/mcp\n    authorization-servers: [corp]\n";
        return Stream.of(
                Arguments.of("", "(root): the file is empty; it needs 'gateway' and 'routes'"),
                Arguments.of("gateway: [\n", "(yaml): not valid YAML"),
                Arguments.of(servers, "routes: is required: list at least one route"),
                Arguments.of(
                        servers.replace("https://mcp.example.com", "mcp.example.com") + "routes:\n" + route,
                        "gateway.public-base-url: 'mcp.example.com' must be an absolute http:// or https:// URL"),
                Arguments.of(
                        servers.replace("https://mcp.example.com", "https://mcp.example.com/base") + "routes:\n"
                                + route,
                        "gateway.public-base-url: 'https://mcp.example.com/base' must be an origin without a path"),
                Arguments.of(
                        servers + "routes:\n" + route + route.replace("id: r", "id: s"),
                        "routes[1].path: duplicate route path '/r/mcp' (already used at routes[0].path)"),
                Arguments.of(
                        servers + "routes:\n" + route.replace("/r/mcp", "r/mcp"),
                        "routes[0].path: 'r/mcp' must start with '/'"),
                Arguments.of(
                        servers + "routes:\n" + route.replace("/r/mcp", "/.well-known/x"),
                        "routes[0].path: '/.well-known/x' is reserved by the gateway"),
                Arguments.of(
                        servers + "routes:\n" + route + "    timeouts: { connect: 10 }\n",
                        "routes[0].timeouts.connect: '10' is not a duration"),
                Arguments.of(
                        servers + "routes:\n" + route + "    timeouts: { connect: 0s }\n",
                        "routes[0].timeouts.connect: must be a positive duration"),
                Arguments.of(
                        servers + "routes:\n" + route + "    scopes: { required: [\"a b\"] }\n",
                        "routes[0].scopes.required[0]: 'a b' is not a valid scope"),
                Arguments.of(
                        servers + "routes:\n" + route + "    scopez: {}\n",
                        "routes[0].scopez: unknown key (allowed here: "),
                Arguments.of(
                        servers + "routes:\n" + route + "    transport: websocket\n",
                        "routes[0].transport: 'websocket' is not supported; use streamable-http or sse"),
                Arguments.of(
                        servers + "routes:\n" + route + "    deny-as: 404\n",
                        "routes[0].deny-as: '404' is not supported; use challenge or jsonrpc-error"),
                Arguments.of(
                        servers + "routes:\n" + route + "    transport: sse\n    deny-as: jsonrpc-error\n",
                        "routes[0].deny-as: jsonrpc-error needs transport streamable-http"),
                Arguments.of(
                        servers + "routes:\n" + route + "    scopes: { tools: { echo: mcp:tools } }\n",
                        "routes[0].scopes.tools.echo: must be a list"),
                Arguments.of(
                        servers + "routes:\n" + route + "    scopes: { tools: { echo: } }\n",
                        "routes[0].scopes.tools.echo: must be a list of scopes ([] when the baseline scopes suffice)"),
                Arguments.of(
                        servers + "routes:\n" + route + "    scopes: { tools: {} }\n",
                        "routes[0].scopes.tools: must name at least one tool"),
                Arguments.of(
                        servers + "routes:\n" + route + "    scopes: { tools: { echo: [\"a b\"] } }\n",
                        "routes[0].scopes.tools.echo[0]: 'a b' is not a valid scope"),
                Arguments.of(
                        servers + "routes:\n" + route + "    scopes: { methods: { \"*\": [x] } }\n",
                        "routes[0].scopes.methods.*: wildcards are supported only in scopes.tools"),
                Arguments.of(
                        servers + "  max-request-bytes: 4GB\nroutes:\n" + route,
                        "gateway.max-request-bytes: '4GB' is not a size"),
                Arguments.of(
                        servers + "  max-request-bytes: 10\nroutes:\n" + route,
                        "gateway.max-request-bytes: must be between 1KiB and 256MiB"),
                Arguments.of(
                        servers + "  session-store: http://:hunter2@redis:6379\nroutes:\n" + route,
                        "gateway.session-store: must be 'memory', redis://[[user:]password@]host[:port][/database] "
                                + "(rediss:// for TLS), redis-sentinel://"),
                Arguments.of(
                        servers + "  session-store: redis-sentinel://:hunter2@s1:26379,s2:26379\nroutes:\n" + route,
                        "gateway.session-store: is not a valid Redis URL: a Sentinel URL names its master after '#' "
                                + "or in ?sentinelMasterId=, as in redis-sentinel://sentinel-1:26379,sentinel-2:26379#mymaster. "
                                + "Accepted: 'memory', redis://"),
                Arguments.of(
                        servers + "  rate-limit-store: redis://redis-1:6379,redis-2:6379\nroutes:\n" + route,
                        "gateway.rate-limit-store: is not a valid Redis URL: a redis:// URL names one server; list "
                                + "several with redis-sentinel://…#master (Sentinel) or redis-cluster:// (Cluster)"),
                Arguments.of(
                        servers + "  rate-limit-store: redis-cluster://node-1:7000,node-2:7000/3\nroutes:\n" + route,
                        "gateway.rate-limit-store: is not a valid Redis URL: Redis Cluster has only database 0"),
                Arguments.of(
                        servers + "  session-store: redis-sentinel://s1:26379?timeout=5s#mymaster\nroutes:\n" + route,
                        "gateway.session-store: is not a valid Redis URL: the only query parameters are clientName "
                                + "and verifyPeer (NONE, CA or FULL, with TLS), and for Sentinel sentinelMasterId and "
                                + "sentinelPassword"),
                Arguments.of(
                        servers + "  session-ttl: 0s\nroutes:\n" + route,
                        "gateway.session-ttl: must be a positive duration"),
                Arguments.of(
                        servers + "routes:\n" + route + "    transport: sse\n"
                                + route.replace("id: r", "id: s").replace("/r/mcp", "/r/mcp/message"),
                        "routes[0].path: its legacy message endpoint '/r/mcp/message' is the path of another route (routes[1].path)"),
                Arguments.of(
                        servers + "routes:\n" + route + "    upstream-headers: { X-MCP-Subject: root }\n",
                        "routes[0].upstream-headers.X-MCP-Subject: 'X-MCP-Subject' is set by the gateway and cannot be configured"),
                Arguments.of(
                        servers + "routes:\n" + route + "    upstream-headers: { Mcp-Method: tools/call }\n",
                        "routes[0].upstream-headers.Mcp-Method: 'Mcp-Method' is set by the gateway and cannot be configured"),
                Arguments.of(
                        servers + "routes:\n" + route + "    upstream-headers: { mcp-param-region: eu }\n",
                        "routes[0].upstream-headers.mcp-param-region: 'mcp-param-region' is set by the gateway and cannot be"
                                + " configured"),
                Arguments.of(
                        servers + "routes:\n" + route + "    upstream-headers: { Upgrade: websocket }\n",
                        "routes[0].upstream-headers.Upgrade: 'Upgrade' is set by the gateway and cannot be configured"),
                Arguments.of(
                        servers + "routes:\n" + route + "    upstream-headers: { TE: trailers }\n",
                        "routes[0].upstream-headers.TE: 'TE' is set by the gateway and cannot be configured"),
                Arguments.of(
                        servers + "routes:\n" + route + "    upstream-headers: { Expect: 100-continue }\n",
                        "routes[0].upstream-headers.Expect: 'Expect' is set by the gateway and cannot be configured"),
                Arguments.of(
                        servers + "routes:\n" + route + "    upstream-headers: { Content-Encoding: br }\n",
                        "routes[0].upstream-headers.Content-Encoding: 'Content-Encoding' is set by the gateway and cannot be configured"),
                Arguments.of(
                        servers + "routes:\n" + route + "    upstream-headers: { Content-Type: text/plain }\n",
                        "routes[0].upstream-headers.Content-Type: 'Content-Type' is set by the gateway and cannot be configured"),
                Arguments.of(
                        servers + "routes:\n" + route + "    upstream-headers:\n      X-Key: ${UNSET_SECRET}\n",
                        "routes[0].upstream-headers.X-Key: environment variable UNSET_SECRET is not set and has no default"),
                Arguments.of(
                        servers.replace("issuer: https://auth.example.com", "jwks-uri: https://auth.example.com/jwks")
                                + "routes:\n" + route,
                        "gateway.authorization-servers.corp.issuer: is required"),
                Arguments.of(
                        servers + "  allowed-origins: [https://app.example.com/path]\nroutes:\n" + route,
                        "gateway.allowed-origins[0]: 'https://app.example.com/path' is not an origin"),
                Arguments.of(
                        servers + "routes:\n" + route.replace("    authorization-servers: [corp]\n", ""),
                        "routes[0].authorization-servers: is required"));
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void brokenFileIsRejectedWithItsKeyPath(String yaml, String expectedProblem) {
        assertThatThrownBy(() -> parser.parse("routes.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(expectedProblem);
    }

    @Test
    void sessionStorePasswordIsNeverEchoed() {
        String yaml =
                "gateway:\n  public-base-url: https://mcp.example.com\n  authorization-servers: { corp: { issuer: https://auth.example.com } }\n"
                        + "  session-store: redis//:hunter2@redis:6379\nroutes:\n  - id: r\n    path: /r/mcp\n    upstream: http://r.internal/mcp\n"
                        + "    authorization-servers: [corp]\n";
        assertThatThrownBy(() -> parser.parse("routes.yaml", yaml))
                .hasMessageContaining("gateway.session-store")
                .hasMessageNotContaining("hunter2");
        String valid = yaml.replace("redis//", "redis://");
        assertThat(parser.parse("routes.yaml", RoutesSchema.valid(valid))
                        .sessionStore()
                        .describe())
                .isEqualTo("redis://redis:6379");
    }

    @Test
    void sentinelAndClusterUrlsComeWholeFromOnePlaceholderAndTheirPasswordsAreNeverPrinted() {
        Map<String, String> environment = Map.of(
                "REDIS_URL",
                "redis-sentinel://:hunter2@sentinel-1:26379,sentinel-2:26379/0?sentinelPassword=s3nt1nel#mymaster",
                "CLUSTER_URL",
                "rediss-cluster://gateway:hunter2@node-1:6379,node-2:6379");
        String yaml = "gateway:\n  public-base-url: https://mcp.example.com\n"
                + "  authorization-servers: { corp: { issuer: https://auth.example.com } }\n"
                + "  session-store: ${REDIS_URL}\n  rate-limit-store: ${CLUSTER_URL:memory}\n"
                + "routes:\n  - id: r\n    path: /r/mcp\n    upstream: http://r.internal/mcp\n"
                + "    authorization-servers: [corp]\n";
        GatewayConfig config = new RoutesFileParser(environment::get).parse("routes.yaml", yaml);
        assertThat(config.sessionStore().redis().topology()).isEqualTo(RedisUri.Topology.SENTINEL);
        assertThat(config.sessionStore().describe())
                .isEqualTo("redis-sentinel://sentinel-1:26379,sentinel-2:26379#mymaster");
        assertThat(config.rateLimits().storeDescription()).isEqualTo("rediss-cluster://node-1:6379,node-2:6379");
        assertThat(config.sessionStore() + " " + config.rateLimits()).doesNotContain("hunter2", "s3nt1nel");
        assertThat(parser.parse("routes.yaml", yaml.replace("${REDIS_URL}", "memory"))
                        .rateLimits()
                        .redis())
                .as("${CLUSTER_URL:memory} with CLUSTER_URL unset")
                .isNull();
    }

    private static String dump(GatewayConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("public-base-url: ").append(config.publicBaseUrl()).append('\n');
        out.append("allowed-origins: ")
                .append(config.allowedOrigins().stream().sorted().toList())
                .append('\n');
        new TreeMap<>(config.authorizationServers())
                .values()
                .forEach(server -> out.append("authorization-server ")
                        .append(server.name())
                        .append(": issuer=")
                        .append(server.issuer())
                        .append(" jwks-uri=")
                        .append(server.jwksUri() == null ? "(discovered)" : server.jwksUri())
                        .append('\n'));
        config.routes()
                .forEach(route -> out.append("route ")
                        .append(route.id())
                        .append(": name=")
                        .append(route.name())
                        .append(" path=")
                        .append(route.path())
                        .append(" resource=")
                        .append(route.resource())
                        .append('\n')
                        .append("  upstream=")
                        .append(route.upstream())
                        .append(" authorization-servers=")
                        .append(route.authorizationServers())
                        .append('\n')
                        .append("  accepted-audiences=")
                        .append(route.acceptedAudiences())
                        .append(" required-scopes=")
                        .append(route.requiredScopes())
                        .append('\n')
                        .append("  timeouts: connect=")
                        .append(route.timeouts().connect())
                        .append(" first-byte=")
                        .append(route.timeouts().firstByte())
                        .append(" upstream-headers=")
                        .append(new TreeMap<>(route.upstreamHeaders()))
                        .append('\n')
                        .append("  transport=")
                        .append(route.transport())
                        .append(" tools=")
                        .append(route.toolScopes())
                        .append(" methods=")
                        .append(route.methodScopes())
                        .append(" deny-as=")
                        .append(route.denyAs())
                        .append(" audit-argument-names=")
                        .append(route.auditArgumentNames())
                        .append('\n'));
        out.append("max-request-bytes: ").append(config.maxRequestBytes()).append('\n');
        out.append("session-store: ")
                .append(config.sessionStore().describe())
                .append(" ttl=")
                .append(config.sessionStore().ttl())
                .append('\n');
        return out.toString();
    }

    private static String resource(String name) {
        try (var in = RoutesFileParserTest.class.getResourceAsStream("/config/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
