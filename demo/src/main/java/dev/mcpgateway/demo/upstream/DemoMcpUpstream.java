package dev.mcpgateway.demo.upstream;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.modeler.Registry;

/**
 * An MCP server without any authorization of its own, meant to sit behind the gateway: Streamable
 * HTTP (MCP 2025-11-25 basic/transports) at {@code /mcp} on an embedded Tomcat bound to
 * {@code 127.0.0.1}. Its tools are {@code echo}, {@code add}, {@code countdown} (progress
 * notifications) and {@code whoami} (the identity headers it received).
 */
public final class DemoMcpUpstream implements AutoCloseable {

    public static final String SERVER_NAME = "demo-upstream";

    public static final String SERVER_VERSION = "1.0.0";

    private static final String LOOPBACK = "127.0.0.1";

    private static final String MCP_ENDPOINT = "/mcp";

    private final Tomcat tomcat;

    private final McpSyncServer server;

    private final Path baseDir;

    private final int port;

    private DemoMcpUpstream(Tomcat tomcat, McpSyncServer server, Path baseDir, int port) {
        this.tomcat = tomcat;
        this.server = server;
        this.baseDir = baseDir;
        this.port = port;
    }

    /**
     * Starts the server and returns once it accepts connections.
     * @param port the port to listen on, or {@code 0} for a free one
     */
    public static DemoMcpUpstream start(int port) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(MCP_ENDPOINT)
                .contextExtractor(new ReceivedHeaders())
                .build();
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(SERVER_NAME, SERVER_VERSION)
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(DemoTools.all())
                .build();
        Path baseDir = createBaseDir();
        // Same as Spring Boot's default (server.tomcat.mbeanregistry.enabled=false): several
        // embedded Tomcats in one JVM must not compete for the same JMX names.
        Registry.disableRegistry();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", LOOPBACK);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        context.setLoader(new ApplicationClassLoaderLoader());
        Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
        context.addServletMappingDecoded(MCP_ENDPOINT, "mcp");
        DemoMcpUpstream upstream = new DemoMcpUpstream(tomcat, server, baseDir, port);
        try {
            tomcat.start();
        } catch (LifecycleException ex) {
            upstream.close();
            throw new IllegalStateException("Cannot start the demo MCP upstream on port " + port, ex);
        }
        if (connector.getState() != LifecycleState.STARTED) {
            upstream.close();
            throw new IllegalStateException("Cannot listen on " + LOOPBACK + ":" + port);
        }
        return new DemoMcpUpstream(tomcat, server, baseDir, connector.getLocalPort());
    }

    public int port() {
        return this.port;
    }

    /** The Streamable HTTP endpoint, {@code http://127.0.0.1:<port>/mcp}. */
    public String mcpUrl() {
        return "http://" + LOOPBACK + ":" + this.port + MCP_ENDPOINT;
    }

    @Override
    public void close() {
        this.server.close();
        try {
            this.tomcat.stop();
            this.tomcat.destroy();
        } catch (LifecycleException ex) {
            throw new IllegalStateException("Cannot stop the demo MCP upstream", ex);
        } finally {
            deleteRecursively(this.baseDir);
        }
    }

    private static Path createBaseDir() {
        try {
            return Files.createTempDirectory("demo-mcp-upstream");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach((path) -> path.toFile().delete());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
