package dev.mcpgateway.resilience;

import dev.mcpgateway.McpAuthGatewayApplication;
import java.time.Duration;
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
        registry.add("gateway.routes-file", PEERS.routesFile::toString);
        registry.add("server.port", () -> PEERS.gatewayPort);
        registry.add("server.address", () -> "127.0.0.1");
    }

    static WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl(PEERS.baseUrl())
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    static WebClient webClient() {
        return WebClient.create(PEERS.baseUrl());
    }

    static String toolCall(long id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";
    }
}
