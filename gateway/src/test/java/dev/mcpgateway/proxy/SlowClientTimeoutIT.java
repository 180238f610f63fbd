package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.RawHttp;
import dev.mcpgateway.support.RawHttp.Answer;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestPeers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A client may not hold a connection without sending a request: a connection on which no request starts is closed
 * after {@code server.netty.idle-timeout}, the head of a request must be complete within
 * {@code gateway.server.request-header-timeout} of its first byte, and its body must keep arriving
 * ({@code gateway.server.request-body-timeout} between reads and in all). Past them the gateway closes the
 * connection. Run on a gateway of its own with one-second limits; the assertions wait
 * for the close, bounded far above the limits, and never assume how fast the machine is.
 */
class SlowClientTimeoutIT {

    private static final TestPeers PEERS = TestPeers.shared();
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static int port;
    private static ConfigurableApplicationContext gateway;

    @BeforeAll
    static void startGateway() {
        port = TestPeers.freePort();
        gateway = StandaloneGateway.start(
                PEERS.routesFile,
                port,
                "--gateway.server.request-header-timeout=1s",
                "--gateway.server.request-body-timeout=1s",
                "--server.netty.idle-timeout=1s");
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void connectionThatNeverSendsARequestIsClosed() {
        try (RawHttp http = RawHttp.connect(port, BOUND)) {
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void requestHeadSentByteByByteIsCutOff() {
        try (RawHttp http = RawHttp.connect(port, BOUND)) {
            http.send("GET /test/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            long deadline = System.nanoTime() + BOUND.toNanos();
            boolean closed = false;
            // Keep the connection busy with a header byte now and then: the limit is on the whole head, not on silence.
            while (!closed && System.nanoTime() < deadline) {
                try {
                    http.send("X");
                    closed = http.closedWithin(Duration.ofMillis(250));
                } catch (RuntimeException writeFailed) {
                    closed = true;
                }
            }
            assertThat(closed).isTrue();
        }
    }

    @Test
    void bodyThatStopsArrivingIsCutOff() {
        int before = PEERS.upstream.count();
        try (RawHttp http = RawHttp.connect(port, BOUND)) {
            http.send("POST /test/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + PEERS.authorizationServer.token(
                            "http://127.0.0.1:" + PEERS.gatewayPort + "/test/mcp", "mcp:access")
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\":");
            Answer answer = http.readAnswer();
            assertThat(answer.none() || answer.status() == 408 || answer.status() >= 400)
                    .isTrue();
            assertThat(http.closedByServer()).isTrue();
        }
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void hundredsOfSlowConnectionsDoNotKeepOthersFromBeingServed() {
        List<RawHttp> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                slow.add(RawHttp.connect(port, BOUND).send("GET /test/mcp HTTP/1.1\r\n"));
            }
            Answer health = RawHttp.exchange(
                    port, "GET /actuator/health/liveness HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(health.status()).isEqualTo(200);
            assertThat(slow)
                    .allSatisfy(connection ->
                            assertThat(connection.closedByServer()).isTrue());
        } finally {
            slow.forEach(RawHttp::close);
        }
    }
}
