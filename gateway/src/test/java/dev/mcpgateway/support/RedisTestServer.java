package dev.mcpgateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real {@code redis-server} (Debian's package; {@code .ci/run} installs it) on a free loopback port, owned by one
 * test class: a plain server, a replica of another, a cluster node, or a sentinel ({@code redis-sentinel}, else
 * {@code redis-server --sentinel}). It can be stopped (or killed, as in a crash) and started again on the same
 * port, so tests can prove what happens when the store goes away and comes back. Nothing is persisted to disk, and
 * a process a failed test leaves behind is ended when the JVM exits.
 */
public final class RedisTestServer implements AutoCloseable {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "redis-test-cleanup"));
    }

    private final int port = TestPeers.freePort();
    private final Path directory;
    private final List<String> command;
    private Process process;

    private RedisTestServer(List<String> options) {
        try {
            directory = Files.createTempDirectory("redis-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.command = new ArrayList<>(List.of(
                "redis-server",
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                directory.toString()));
        command.addAll(options);
    }

    /** A sentinel reads (and rewrites) a configuration file: nothing of it may come from the command line alone. */
    private RedisTestServer(String masterName, RedisTestServer master, int quorum, Duration downAfter) {
        try {
            directory = Files.createTempDirectory("redis-sentinel-test");
            Path config = Files.writeString(directory.resolve("sentinel.conf"), """
                    port %d
                    bind 127.0.0.1
                    protected-mode no
                    dir %s
                    sentinel monitor %s 127.0.0.1 %d %d
                    sentinel down-after-milliseconds %s %d
                    sentinel failover-timeout %s 3000
                    sentinel parallel-syncs %s 1
                    """.formatted(
                            port,
                            directory,
                            masterName,
                            master.port(),
                            quorum,
                            masterName,
                            downAfter.toMillis(),
                            masterName,
                            masterName));
            this.command = RequiresRedis.Condition.onPath("redis-sentinel")
                    ? List.of("redis-sentinel", config.toString())
                    : List.of("redis-server", config.toString(), "--sentinel");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RedisTestServer start() {
        return started(new RedisTestServer(List.of()));
    }

    /**
     * A server that may become a master and serves a replica's full sync at once (Redis 7 otherwise waits 5 s for
     * more replicas before a diskless sync).
     */
    public static RedisTestServer startMaster() {
        return started(new RedisTestServer(List.of("--repl-diskless-sync-delay", "0")));
    }

    /** A replica of {@code master}, which may itself be promoted (and then serves syncs at once too). */
    public static RedisTestServer startReplicaOf(RedisTestServer master) {
        return started(new RedisTestServer(
                List.of("--replicaof", "127.0.0.1", String.valueOf(master.port()), "--repl-diskless-sync-delay", "0")));
    }

    /** A node of a Redis Cluster still to be formed (no slots, knows no other node). */
    public static RedisTestServer startClusterNode() {
        return started(new RedisTestServer(List.of("--cluster-enabled", "yes", "--cluster-node-timeout", "2000")));
    }

    /** A sentinel monitoring {@code master} as {@code masterName}, judging it down after {@code downAfter}. */
    public static RedisTestServer startSentinel(
            String masterName, RedisTestServer master, int quorum, Duration downAfter) {
        return started(new RedisTestServer(masterName, master, quorum, downAfter));
    }

    private static RedisTestServer started(RedisTestServer server) {
        server.startProcess();
        return server;
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server again on the same port, after {@link #stop()}; returns once it answers. */
    public synchronized void startProcess() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.log").toFile())
                    .start();
            RUNNING.add(process);
        } catch (IOException e) {
            throw new IllegalStateException(
                    command.get(0) + " is not installed (apt-get install redis-server redis-sentinel)", e);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(this::answersPing);
    }

    /** Stops the server (SIGTERM: it shuts down cleanly) and waits until its port is closed. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the server (SIGKILL, as in a crash: no goodbye to clients or replicas) and waits until its port is closed. */
    public synchronized void kill() {
        end(true);
    }

    private void end(boolean crash) {
        if (process == null) {
            return;
        }
        if (crash) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
        process = null;
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !answersPing());
    }

    private boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = new byte[7];
            int read = socket.getInputStream().read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
