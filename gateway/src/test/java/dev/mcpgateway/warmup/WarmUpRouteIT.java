package dev.mcpgateway.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.McpAuthGatewayApplication;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.support.SingleRoutePeers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The warm-up's route while it is live (put there by hand here, as {@link GatewayWarmUp} does): it is a real route
 * through the whole pipeline, it trusts only the key made for the warm-up inside the process, a token signed with that
 * key opens no route of {@code routes.yaml}, and once the overlay is removed the route is gone.
 */
@SpringBootTest(classes = McpAuthGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class WarmUpRouteIT {

    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";
    private static final SingleRoutePeers PEERS = SingleRoutePeers.start("warm-up-route-it", "/file/mcp");

    @Autowired
    GatewayConfigStore store;

    private WarmUpPeer peer;
    private WarmUpRoute route;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        PEERS.properties(registry);
    }

    @AfterAll
    static void stopPeers() {
        PEERS.close();
    }

    @BeforeEach
    void layTheWarmUpRouteOver() {
        peer = WarmUpPeer.start();
        route = WarmUpRoute.forPeer(store.current(), peer);
        assertThat(store.overlay(route.overlay())).isEmpty();
    }

    @AfterEach
    void removeIt() {
        store.removeOverlay();
        peer.close();
    }

    @Test
    void theWarmUpRouteServesTokensSignedWithTheWarmUpKeyThroughTheWholePipeline() {
        int before = PEERS.upstream.count();

        call(route.path(), peer.token(route.resource(), "warm-up", WarmUpRoute.SCOPE))
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("\"id\":7"));
        assertThat(peer.answered()).isEqualTo(1);
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void theWarmUpRouteRefusesATokenOfTheFilesAuthorizationServer() {
        call(route.path(), PEERS.authorizationServer.token(route.resource(), "mcp:access mcp:tools"))
                .expectStatus()
                .isUnauthorized();
        assertThat(peer.answered()).isZero();
    }

    @Test
    void aTokenSignedWithTheWarmUpKeyOpensNoRouteOfTheFile() {
        String resource = PEERS.baseUrl + PEERS.path;
        int before = PEERS.upstream.count();

        call(PEERS.path, peer.token(resource, "warm-up", "mcp:access mcp:tools"))
                .expectStatus()
                .isUnauthorized();
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void onceTheOverlayIsRemovedTheWarmUpRouteIsGoneAndTheFilesRouteServesAsBefore() {
        String token = peer.token(route.resource(), "warm-up", WarmUpRoute.SCOPE);

        store.removeOverlay();

        call(route.path(), token).expectStatus().isNotFound();
        assertThat(store.current().routes()).noneMatch(store.current()::isWarmUp);
        call(PEERS.path, PEERS.token("mcp:access")).expectStatus().isOk();
    }

    private static WebTestClient.ResponseSpec call(String path, String token) {
        return PEERS.client()
                .post()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
                .header("MCP-Protocol-Version", "2025-11-25")
                .bodyValue(CALL)
                .exchange();
    }
}
