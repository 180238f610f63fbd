package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import dev.mcpgateway.support.node.ConformanceReport;
import dev.mcpgateway.support.node.ConformanceReport.Verdict;
import dev.mcpgateway.support.node.ModernServer;
import dev.mcpgateway.support.node.NodePeers;
import dev.mcpgateway.support.node.TokenShim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance} 0.2.0-alpha, pinned in
 * {@code src/test/node/package-lock.json}) gives the same per-scenario results against the TypeScript SDK v2
 * conformance server through the gateway as against the server directly, for {@code --requirements 2026-07-28} and
 * {@code --requirements 2025-11-25}, the unscored scenarios (among them {@code http-header-validation}, which the
 * suite runs for 2026-07-28) included.
 *
 * <p>The suite cannot send a token, so a loopback shim adds a valid one (two hours, longer than every run) to
 * everything it forwards to the gateway. The route lets every tool, resource and prompt through (no per-name maps),
 * has no rate limit, generous bulkheads and no keep-alive comments; one server and gateway serve both revisions.
 *
 * <p><b>The one documented difference: {@code dns-rebinding-protection}.</b> Its check
 * {@code localhost-host-valid-accepted} sends {@code Origin} = the origin of the server the suite talks to, which here
 * is the shim ({@code http://127.0.0.1:<shim port>}), not the gateway. To the gateway that is a foreign browser origin,
 * and MCP 2026-07-28 (basic/transports/streamable-http, "Security &amp; Endpoint") says a server MUST validate
 * {@code Origin} and MUST answer 403 when it is present and invalid; which origins are valid is the deployment's
 * choice ({@code gateway.allowed-origins}). So the comparison runs through a shim whose origin the gateway lists, and
 * gives identical results; a second shim whose origin is not listed gets exactly one differing check, the gateway's
 * own 403, which the test asserts. The gateway is not weakened for either: the {@code evil.example.com} probe is
 * refused by the gateway itself in both.
 */
class ConformanceThroughGatewayIT {

    private static final String PREFIX = "/conformance";
    private static final String PATH = PREFIX + "/mcp";
    private static final String DNS_REBINDING = "dns-rebinding-protection";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, ConformanceReport> DIRECT = new ConcurrentHashMap<>();

    private static ModernServer server;
    private static TestAuthorizationServer authorizationServer;
    private static ConfigurableApplicationContext gateway;
    private static TokenShim listedShim;
    private static TokenShim unlistedShim;

    @BeforeAll
    static void start() {
        server = NodePeers.server();
        authorizationServer = TestAuthorizationServer.start();
        int port = TestPeers.freePort();
        String baseUrl = "http://127.0.0.1:" + port;
        Instant now = Instant.now();
        String token = authorizationServer.token(
                baseUrl + PATH, "mcp:access", claims -> claims.expirationTime(Date.from(now.plusSeconds(7200))));
        // The shims only connect when a request comes, so they can start first: the gateway must list one's origin.
        listedShim = NodePeers.shim(baseUrl + PREFIX, token);
        unlistedShim = NodePeers.shim(baseUrl + PREFIX, token);
        Path routes = GatewayUnderTest.writeRoutes("conformance", """
                gateway:
                  public-base-url: %s
                  allowed-origins: [%s]
                  authorization-servers:
                    test: { issuer: %s, jwks-uri: %s }
                routes:
                  - id: conformance
                    path: %s
                    upstream: %s
                    authorization-servers: [test]
                    scopes:
                      required: [mcp:access]
                    resilience:
                      circuit-breaker: { failure-rate-threshold: 100, minimum-calls: 100, sliding-window: 100 }
                      bulkhead: { max-concurrent-calls: 1000, max-streams: 1000 }
                    streams:
                      keep-alive: off
                """.formatted(
                        baseUrl,
                        listedShim.url(""),
                        authorizationServer.issuer(),
                        authorizationServer.jwksUri(),
                        PATH,
                        server.mcpUrl()));
        gateway = StandaloneGateway.start(routes, port);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable :
                new AutoCloseable[] {listedShim, unlistedShim, gateway, server, authorizationServer}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-07-28", "2025-11-25"})
    void everyScenarioHasTheSameResultThroughTheGatewayAsDirectly(String revision) {
        ConformanceReport direct = direct(revision);
        ConformanceReport throughGateway = NodePeers.conformance(listedShim.url("/mcp"), revision);
        System.out.println("through the gateway: " + throughGateway.summary());

        assertThat(direct.verdicts()).as("the suite ran against the server").isNotEmpty();
        assertThat(throughGateway.verdicts().keySet())
                .isEqualTo(direct.verdicts().keySet());
        if (revision.equals("2026-07-28")) {
            assertThat(throughGateway.verdicts()).containsKey("http-header-validation");
            assertThat(throughGateway.notScored()).contains("http-header-validation");
        }
        assertThat(throughGateway.differencesFrom(direct)).isEmpty();
        assertThat(throughGateway.verdicts()).isEqualTo(direct.verdicts());
        assertThat(throughGateway.exitCode()).isEqualTo(direct.exitCode());
        assertThat(rebindingProbeAnswer(throughGateway))
                .as("the foreign-origin probe was refused by the gateway, not passed to the server")
                .isEqualTo("403 Origin not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-07-28", "2025-11-25"})
    void aClientOriginTheGatewayDoesNotListIsRefusedAndThatIsTheOnlyDifference(String revision) {
        ConformanceReport direct = direct(revision);
        ConformanceReport unlisted = NodePeers.conformance(unlistedShim.url("/mcp"), revision);
        System.out.println("through the gateway, origin not listed: " + unlisted.summary());

        assertThat(unlisted.verdicts().keySet()).isEqualTo(direct.verdicts().keySet());
        assertThat(unlisted.differencesFrom(direct))
                .isEqualTo(Map.of(DNS_REBINDING, List.of("localhost-host-valid-accepted: FAILURE vs SUCCESS")));
        assertThat(unlisted.verdicts()).containsEntry(DNS_REBINDING, Verdict.FAIL);
        assertThat(rebindingProbeAnswer(unlisted)).isEqualTo("403 Origin not allowed");
    }

    private static ConformanceReport direct(String revision) {
        return DIRECT.computeIfAbsent(revision, r -> {
            ConformanceReport report = NodePeers.conformance(server.mcpUrl(), r);
            System.out.println("direct: " + report.summary());
            return report;
        });
    }

    /** Status and error message of the answer to the suite's {@code evil.example.com} Host/Origin probe. */
    private static String rebindingProbeAnswer(ConformanceReport report) {
        try (Stream<Path> directories = Files.list(report.outputDirectory())) {
            Path checks = directories
                    .filter(d -> d.getFileName().toString().startsWith("server-" + DNS_REBINDING + "-"))
                    .findFirst()
                    .orElseThrow()
                    .resolve("checks.json");
            for (JsonNode check : JSON.readTree(checks.toFile())) {
                if (check.path("id").asString().equals("localhost-host-rebinding-rejected")) {
                    JsonNode details = check.path("details");
                    return details.path("statusCode").asInt() + " "
                            + details.path("body").path("error").path("message").asString();
                }
            }
            throw new AssertionError("no rebinding probe in " + checks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
