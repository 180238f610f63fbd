package dev.mcpgateway.resilience;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peers of the resilience integration tests, started once per JVM: an authorization server of their own, a
 * WireMock upstream for faults, a {@link ScriptedUpstream} for streams and held calls, a port nobody listens on, and
 * a routes file with one route per scenario.
 */
final class ResiliencePeers {

    private static ResiliencePeers shared;

    final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();
    final WireMockServer wireMock = startWireMock();
    final ScriptedUpstream scripted = new ScriptedUpstream();
    final int gatewayPort = TestPeers.freePort();
    final int closedPort = TestPeers.freePort();
    final Path routesFile;

    private ResiliencePeers() {
        try {
            routesFile = Files.createTempDirectory("resilience-it").resolve("routes.yaml");
            Files.writeString(routesFile, routesYaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized ResiliencePeers shared() {
        if (shared == null) {
            shared = new ResiliencePeers();
        }
        return shared;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** A token for the route at {@code path}, valid for ten minutes. */
    String token(String path) {
        return authorizationServer.token(baseUrl() + path, "mcp:access");
    }

    private static WireMockServer startWireMock() {
        WireMockServer server =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    private String routesYaml() {
        String wm = "http://127.0.0.1:" + wireMock.port();
        return """
                gateway:
                  public-base-url: %s
                  authorization-servers:
                    test: { issuer: %s, jwks-uri: %s }
                routes:
                  - id: circuit
                    path: /circuit/mcp
                    upstream: %s/circuit
                    authorization-servers: [test]
                    resilience:
                      circuit-breaker: { failure-rate-threshold: 100, minimum-calls: 3, sliding-window: 3, wait-in-open: 1s, half-open-calls: 1 }
                  - id: bulkhead
                    path: /bulkhead/mcp
                    upstream: %s
                    authorization-servers: [test]
                    resilience:
                      bulkhead: { max-concurrent-calls: 2, max-streams: 1 }
                  - id: refused
                    path: /refused/mcp
                    upstream: http://127.0.0.1:%d/mcp
                    authorization-servers: [test]
                    timeouts: { connect: 500ms }
                  - id: reset
                    path: /reset/mcp
                    upstream: %s/reset
                    authorization-servers: [test]
                  - id: malformed
                    path: /malformed/mcp
                    upstream: %s/malformed
                    authorization-servers: [test]
                  - id: slow-headers
                    path: /slow-headers/mcp
                    upstream: %s/slow
                    authorization-servers: [test]
                    timeouts: { first-byte: 500ms }
                  - id: slow-stream
                    path: /slow-stream/mcp
                    upstream: %s
                    authorization-servers: [test]
                    timeouts: { first-byte: 500ms }
                  - id: long-stream
                    path: /long-stream/mcp
                    upstream: %s
                    authorization-servers: [test]
                    timeouts: { connect: 500ms, first-byte: 1s }
                    streams: { keep-alive: 400ms }
                  - id: expiring
                    path: /expiring/mcp
                    upstream: %s
                    authorization-servers: [test]
                  - id: not-expiring
                    path: /not-expiring/mcp
                    upstream: %s
                    authorization-servers: [test]
                    streams: { close-on-token-expiry: false }
                """.formatted(
                        baseUrl(),
                        authorizationServer.issuer(),
                        authorizationServer.jwksUri(),
                        wm,
                        scripted.url("/calls"),
                        closedPort,
                        wm,
                        wm,
                        wm,
                        scripted.url("/slow-headers"),
                        scripted.url("/gappy"),
                        scripted.url("/endless"),
                        scripted.url("/endless"));
    }
}
