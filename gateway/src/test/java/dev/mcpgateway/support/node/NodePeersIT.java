package dev.mcpgateway.support.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.support.node.ConformanceReport.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The Node peers work on their own, without the gateway: the TypeScript SDK v2 client against the SDK
 * v2 server directly, the token shim in between, and the MCP conformance suite against the server. The
 * gateway's own tests build on these peers, so a failure here is a broken test rig, not a gateway bug.
 */
class NodePeersIT {

    private static ModernServer server;

    @BeforeAll
    static void startServer() {
        server = NodePeers.server();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void modernClientNegotiates20260728WithServerDiscover() {
        ClientRun run = NodePeers.client("discover", server.mcpUrl());

        assertThat(run.ok()).as("%s", run).isTrue();
        JsonNode connect = run.step("connect");
        assertThat(connect.path("era").asString()).isEqualTo("modern");
        assertThat(connect.path("protocolVersion").asString()).isEqualTo("2026-07-28");
        assertThat(connect.path("handshake").asString()).isEqualTo("server/discover");
        assertThat(run.step("discover")
                        .path("discoverResult")
                        .path("supportedVersions")
                        .toString())
                .contains("2026-07-28");
    }

    @Test
    void modernClientFallsBackToInitializeAgainstA2025OnlyServer() {
        try (ModernServer legacyOnly = NodePeers.server(ModernServer.Legacy.ONLY, 0, true)) {
            ClientRun run = NodePeers.client("discover", legacyOnly.mcpUrl());

            assertThat(run.ok()).as("%s", run).isTrue();
            JsonNode connect = run.step("connect");
            assertThat(connect.path("era").asString()).isEqualTo("legacy");
            assertThat(connect.path("protocolVersion").asString()).isEqualTo("2025-11-25");
            assertThat(connect.path("handshake").asString()).isEqualTo("server/discover then initialize fallback");
        }
    }

    @Test
    void listToolsWalksEveryPageAndEachPageCarriesPublicCacheHints() {
        try (ModernServer paged = NodePeers.server(ModernServer.Legacy.SESSIONS, 20, true)) {
            ClientRun run = NodePeers.client("list-tools", paged.mcpUrl());

            assertThat(run.ok()).as("%s", run).isTrue();
            List<JsonNode> pages = run.steps("page");
            assertThat(pages).hasSize(2);
            assertThat(pages).allSatisfy(page -> {
                assertThat(page.path("cacheScope").asString()).isEqualTo("public");
                assertThat(page.path("ttlMs").asInt()).isEqualTo(60_000);
            });
            assertThat(pages.get(0).path("nextCursor").asString()).isNotEmpty();
            JsonNode all = run.step("list-tools");
            assertThat(all.path("tools").toString())
                    .contains("\"echo\"", "\"whoami\"", "\"route_call\"", "\"mrtr_state\"");
            assertThat(all.path("xMcpHeaders").path("route_call").toString()).contains("region:Region", "count:Count");
        }
    }

    @Test
    void echoReturnsItsText() {
        ClientRun run =
                NodePeers.client("call", server.mcpUrl(), "--tool", "echo", "--args", "{\"text\":\"hello gateway\"}");

        assertThat(run.ok()).as("%s", run).isTrue();
        assertThat(run.step("call").path("text").asString()).isEqualTo("hello gateway");
    }

    @Test
    void resourcesAndPromptsForPerNameRulesAreServed() {
        ClientRun read = NodePeers.client("read", server.mcpUrl(), "--uri", "docs://secret/plan");
        ClientRun prompt =
                NodePeers.client("prompt", server.mcpUrl(), "--name", "greeting", "--args", "{\"name\":\"Ann\"}");

        assertThat(read.ok()).as("%s", read).isTrue();
        assertThat(read.step("read")
                        .path("http")
                        .path("requestHeaders")
                        .path("mcp-name")
                        .asString())
                .isEqualTo("docs://secret/plan");
        assertThat(prompt.ok()).as("%s", prompt).isTrue();
        assertThat(prompt.step("prompt").path("messages").toString()).contains("Say hello to Ann.");
        assertThat(server.status()
                        .path("resources")
                        .path("docs://secret/plan")
                        .path("calls")
                        .asInt())
                .isPositive();
    }

    @Test
    void listenStreamDeliversNotificationsOneByOne() {
        ClientRun run =
                NodePeers.client("listen", server.mcpUrl(), "--count", "3", "--trigger", "3", "--duration-ms", "10000");

        assertThat(run.ok()).as("%s", run).isTrue();
        assertThat(run.step("listening")
                        .path("honoredFilter")
                        .path("toolsListChanged")
                        .asBoolean())
                .isTrue();
        List<JsonNode> notifications = run.steps("notification");
        assertThat(notifications)
                .hasSize(3)
                .allSatisfy(n -> assertThat(n.path("method").asString()).isEqualTo("notifications/tools/list_changed"));
        // Published 200 ms apart: arriving spread out proves nothing held them back.
        long first = notifications.get(0).path("sinceListenMs").asLong();
        long last = notifications.get(2).path("sinceListenMs").asLong();
        assertThat(last - first).isGreaterThanOrEqualTo(250);
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "legacy"})
    void cancellingSlowIsSeenByTheServer(String mode) {
        String era = mode.equals("auto") ? "modern" : "legacy";
        long before = cancellations(era);

        ClientRun run = NodePeers.client("cancel", server.mcpUrl(), "--mode", mode, "--after-ms", "300");

        assertThat(run.ok()).as("%s", run).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> cancellations(era) > before);
    }

    @Test
    void mrtrRetryCarriesTheRequestStateBackToTheServer() {
        ClientRun run = NodePeers.client("mrtr", server.mcpUrl());

        assertThat(run.ok()).as("%s", run).isTrue();
        JsonNode first = run.step("input-required");
        assertThat(first.path("inputRequests").toString()).contains("confirm");
        JsonNode retry = run.step("mrtr");
        assertThat(retry.path("result").path("receivedRequestState").asString())
                .isEqualTo(first.path("requestState").asString());
        assertThat(retry.path("result").path("decodedState").path("note").asString())
                .isEqualTo("round-trip");
    }

    @Test
    void shimAddsTheBearerTokenAndPicksUpARotatedOne() {
        try (TokenShim shim = NodePeers.shim("http://127.0.0.1:" + server.port(), "first-token")) {
            assertThat(whoamiAuthorization(shim)).isEqualTo("Bearer first-token");

            shim.rotate("second-token");

            assertThat(whoamiAuthorization(shim)).isEqualTo("Bearer second-token");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-07-28", "2025-11-25"})
    void conformanceSuitePassesEveryScoredScenarioAgainstTheServer(String revision) {
        ConformanceReport report = NodePeers.conformance(server.mcpUrl(), revision);
        System.out.println(report.summary());

        assertThat(report.scoredVerdicts()).isNotEmpty();
        assertThat(report.scoredFailures()).isEmpty();
        assertThat(report.scoredVerdicts()).containsValue(Verdict.PASS).doesNotContainValue(Verdict.FAIL);
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void conformanceThroughTheShimMatchesTheServerDirectly() {
        try (TokenShim shim = NodePeers.shim("http://127.0.0.1:" + server.port(), "conformance-token")) {
            ConformanceReport direct = NodePeers.conformance(server.mcpUrl(), "2026-07-28");
            ConformanceReport shimmed = NodePeers.conformance(shim.url("/mcp"), "2026-07-28");

            assertThat(shimmed.verdicts()).isEqualTo(direct.verdicts());
            assertThat(shimmed.differencesFrom(direct)).isEmpty();
        }
    }

    private static long cancellations(String era) {
        JsonNode list = server.status().path("cancellations");
        long count = 0;
        for (JsonNode cancellation : list) {
            if (cancellation.path("name").asString().equals("slow")
                    && cancellation.path("era").asString().equals(era)) {
                count++;
            }
        }
        return count;
    }

    private static String whoamiAuthorization(TokenShim shim) {
        ClientRun run = NodePeers.client("call", shim.url("/mcp"), "--tool", "whoami");
        assertThat(run.ok()).as("%s", run).isTrue();
        JsonNode whoami =
                NodeProject.JSON.readTree(run.step("call").path("text").asString());
        return whoami.path("headers").path("authorization").asString();
    }
}
