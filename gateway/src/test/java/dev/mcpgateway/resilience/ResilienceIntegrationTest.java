package dev.mcpgateway.resilience;

import dev.mcpgateway.McpAuthGatewayApplication;
import dev.mcpgateway.support.GatewayUnderTest;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/** Base of the resilience integration tests: one gateway (one cached Spring context) in front of {@link ResiliencePeers}. */
@SpringBootTest(classes = McpAuthGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(JsonRpcIdFromTestHeader.class)
abstract class ResilienceIntegrationTest {

    static final ResiliencePeers PEERS = ResiliencePeers.shared();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        GatewayUnderTest.properties(registry, PEERS.routesFile::toString, PEERS.gatewayPort);
    }

    /** No held call, and no test's script, outlives its test. */
    @AfterEach
    void releaseTheUpstream() {
        PEERS.upstream.releaseHeld();
        PEERS.upstream.reset();
    }

    static WebTestClient client() {
        return GatewayUnderTest.client(PEERS.baseUrl());
    }

    static WebClient webClient() {
        return WebClient.create(PEERS.baseUrl());
    }

    static String toolCall(long id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";
    }
}
