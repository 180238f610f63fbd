package dev.mcpgateway.load;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;

/**
 * What the tools tell the scripts that run them: one line per fact ({@code READY <url>}, {@code OPENED …},
 * {@code HOLD …}, a memory sample), read by {@code compare.sh} and {@code stream-memory.sh}. The lines go through
 * SLF4J to the {@value #LOGGER} logger, which {@code logback.xml} prints bare on standard output; everything else
 * the tools log goes to standard error, so a script's {@code grep} never sees it.
 */
public final class ToolOutput {

    static final String LOGGER = "dev.mcpgateway.load.output";

    private static final Logger OUT = LoggerFactory.getLogger(LOGGER);

    private ToolOutput() {}

    /** One line for the script. */
    public static void line(String text) {
        OUT.info(text);
    }

    /**
     * Keeps a server's process alive until the server is disposed (by the shutdown hook on {@code SIGTERM}): Reactor
     * Netty's event loops are daemon threads, so the main thread waits on a latch, never on an event loop.
     */
    public static void awaitDisposal(DisposableServer server) throws InterruptedException {
        CountDownLatch disposed = new CountDownLatch(1);
        server.onDispose().doFinally(signal -> disposed.countDown()).subscribe();
        disposed.await();
    }
}
