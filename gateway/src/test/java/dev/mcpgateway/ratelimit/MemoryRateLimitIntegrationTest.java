package dev.mcpgateway.ratelimit;

import dev.mcpgateway.McpAuthGatewayApplication;
import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.support.ScriptedUpstream;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One gateway with in-memory buckets (the default store), shared by the rate-limit test classes that
 * extend this: its own authorization server and upstream, so that JWKS fetches and upstream
 * requests counted here are this gateway's alone. Loopback is a trusted proxy, so tests choose their
 * client address with {@code X-Forwarded-For}; each test uses its own tenants and addresses.
 */
@SpringBootTest(classes = McpAuthGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class MemoryRateLimitIntegrationTest {

    static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();
    static final ScriptedUpstream UPSTREAM = TestPeers.startUpstream();
    static final int PORT = TestPeers.freePort();
    static final String BASE_URL = "http://127.0.0.1:" + PORT;
    static final Path ROUTES_FILE = GatewayUnderTest.writeRoutes("rate-limit-it", routes(2));
    /** The unauthenticated limit: requests per client address that may fail authentication (no refill in a test). */
    static final int UNAUTHENTICATED_CAPACITY = 5;

    static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        GatewayUnderTest.properties(registry, ROUTES_FILE::toString, PORT);
        registry.add("gateway.routes-file-poll-interval", () -> "300ms");
    }

    /**
     * {@code /limited/mcp}: tenants by {@code org_id}, 3 requests each, tenant {@code big} 6, tool {@code expensive}
     * once per tenant; {@code /refill/mcp}: 2 requests, then one every 2 s, tenant = client id; {@code /open/mcp}: no
     * tenant limit. Nothing but {@code /refill/mcp} refills within a test.
     */
    static String routes(int reloadedCapacity) {
        return """
                gateway:
                  public-base-url: %s
                  trusted-proxies: [127.0.0.1/32, "::1"]
                  unauthenticated-rate-limit: { capacity: %d, refill: %d/1h }
                  authorization-servers:
                    test: { issuer: %s, jwks-uri: %s }
                routes:
                  - id: limited
                    path: /limited/mcp
                    upstream: %s
                    authorization-servers: [test]
                    tenant-claim: org_id
                    rate-limit:
                      default: { capacity: 3, refill: 1/1h }
                      tenants:
                        big: { capacity: 6, refill: 1/1h }
                        reloaded: { capacity: %d, refill: 1/1h }
                      tools:
                        expensive: { capacity: 1, refill: 1/1h }
                  - id: refill
                    path: /refill/mcp
                    upstream: %s
                    authorization-servers: [test]
                    rate-limit:
                      default: { capacity: 2, refill: 1/2s }
                  - id: open
                    path: /open/mcp
                    upstream: %s
                    authorization-servers: [test]
                """.formatted(
                        BASE_URL,
                        UNAUTHENTICATED_CAPACITY,
                        UNAUTHENTICATED_CAPACITY,
                        AUTHORIZATION_SERVER.issuer(),
                        AUTHORIZATION_SERVER.jwksUri(),
                        UPSTREAM.mcpUrl(),
                        reloadedCapacity,
                        UPSTREAM.mcpUrl(),
                        UPSTREAM.mcpUrl());
    }

    /** Replaces the file atomically, so the watcher never reads it half written. */
    static void writeRoutes(String yaml) {
        GatewayUnderTest.replaceRoutes(ROUTES_FILE, yaml);
    }

    static WebTestClient client() {
        return GatewayUnderTest.client(BASE_URL);
    }

    /** A valid token for {@code path} whose {@code org_id} is {@code tenant}. */
    static String tokenForTenant(String path, String tenant) {
        return AUTHORIZATION_SERVER.token(BASE_URL + path, "mcp:access", claims -> claims.claim("org_id", tenant));
    }

    static String uniqueTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    /** A {@code tools/call} of {@code tool}, as an MCP client sends it; inspection reads the tool name from it. */
    static String toolCall(String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\"}}";
    }

    /** A {@code ping} whose JSON-RPC id is {@code idJson} (a number, or a quoted string). */
    static String pingWithId(String idJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"ping\"}";
    }

    static WebTestClient.ResponseSpec send(String path, String token, String body) {
        return client().post()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    static int sendStatus(String path, String token, String body) {
        return send(path, token, body).expectBody().returnResult().getStatus().value();
    }

    static WebTestClient.ResponseSpec post(String path, String token, String... headers) {
        return client().post()
                .uri(path)
                .headers(h -> {
                    h.setBearerAuth(token);
                    for (int i = 0; i + 1 < headers.length; i += 2) {
                        h.add(headers[i], headers[i + 1]);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PING)
                .exchange();
    }

    static int status(String path, String token, String... headers) {
        return post(path, token, headers)
                .expectBody()
                .returnResult()
                .getStatus()
                .value();
    }
}
