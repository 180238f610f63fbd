package dev.mcpgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peers shared by every integration test class in the JVM: started once, so the Spring context that
 * points at them is cached and reused across classes. The gateway's port is chosen up front because
 * the public base URL (and so every resource URI) must be known before the gateway starts.
 */
public final class TestPeers {

    private static TestPeers shared;

    public final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();
    public final TestAuthorizationServer otherAuthorizationServer = TestAuthorizationServer.start();
    public final RecordingUpstream upstream = RecordingUpstream.start();
    /** Answers whatever a test scripts, for the fail-closed response-shaping tests. */
    public final HostileUpstream hostile = HostileUpstream.start();

    public final int gatewayPort = freePort();
    /** An authorization server nobody listens for: its keys can never be fetched. */
    public final String unreachableIssuer = "http://127.0.0.1:" + freePort() + "/down";

    public final Path routesFile;

    private TestPeers() {
        try {
            routesFile = Files.createTempDirectory("gateway-it").resolve("routes.yaml");
            Files.writeString(routesFile, routesYaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized TestPeers shared() {
        if (shared == null) {
            shared = new TestPeers();
        }
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** The resource URI of the main test route, the audience its tokens must carry. */
    public String resource() {
        return baseUrl() + "/test/mcp";
    }

    /** The resource URI of the route at {@code path}. */
    public String resource(String path) {
        return baseUrl() + path;
    }

    private String routesYaml() {
        return """
                gateway:
                  public-base-url: %s
                  allowed-origins: [https://app.example.com]
                  # Every test here sends from loopback; the per-address limit has its own tests.
                  unauthenticated-rate-limit: off
                  authorization-servers:
                    test:
                      issuer: %s
                      jwks-uri: %s
                    other:
                      issuer: %s
                      jwks-uri: %s
                    down:
                      issuer: %s
                      jwks-uri: %s/jwks
                routes:
                  - id: test
                    name: Test MCP server
                    path: /test/mcp
                    upstream: %s
                    authorization-servers: [test]
                    audiences: [urn:test:extra-audience]
                    scopes:
                      required: [mcp:access]
                    timeouts: { connect: 1s, first-byte: 1s }
                    upstream-headers:
                      X-Upstream-Key: ${TEST_UPSTREAM_KEY:static-upstream-key}
                  - id: other
                    path: /other/mcp
                    upstream: %s
                    authorization-servers: [other]
                  - id: slow
                    path: /slow/mcp
                    upstream: %s
                    authorization-servers: [test]
                    timeouts: { first-byte: 500ms }
                  - id: tools
                    path: /tools/mcp
                    upstream: %s
                    authorization-servers: [test]
                    scopes:
                      required: [mcp:access]
                      tools: { whoami: [mcp:admin], "*": [] }
                  - id: down
                    path: /down/mcp
                    upstream: %s
                    authorization-servers: [down]
                  - id: hostile
                    path: /hostile/mcp
                    upstream: %s
                    authorization-servers: [test]
                    scopes:
                      required: [mcp:access]
                      tools: { whoami: [mcp:admin], "*": [] }
                  - id: hostile-legacy
                    path: /hostile/sse
                    upstream: %s
                    transport: sse
                    authorization-servers: [test]
                    scopes:
                      required: [mcp:access]
                      tools: { whoami: [mcp:admin], "*": [] }
                  - id: plain
                    path: /plain/mcp
                    upstream: %s
                    authorization-servers: [test]
                  - id: limited
                    path: /limited/mcp
                    upstream: %s
                    authorization-servers: [test]
                    tenant-claim: org
                    rate-limit:
                      default: { capacity: 5, refill: 5/1h }
                      tools: { add: { capacity: 2, refill: 2/1h } }
                """.formatted(
                        baseUrl(),
                        authorizationServer.issuer(),
                        authorizationServer.jwksUri(),
                        otherAuthorizationServer.issuer(),
                        otherAuthorizationServer.jwksUri(),
                        unreachableIssuer,
                        unreachableIssuer,
                        upstream.mcpUrl(),
                        upstream.mcpUrl(),
                        upstream.slowUrl(),
                        upstream.mcpUrl(),
                        upstream.mcpUrl(),
                        hostile.url("/mcp"),
                        hostile.url("/sse"),
                        hostile.url("/mcp"),
                        upstream.mcpUrl());
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
