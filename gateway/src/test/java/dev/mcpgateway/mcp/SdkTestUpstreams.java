package dev.mcpgateway.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.modeler.Registry;

/**
 * Two MCP Java SDK servers on one embedded Tomcat: a stateless Streamable HTTP server at
 * {@code /json} (it answers with {@code application/json}) and a legacy 2024-11-05 HTTP+SSE server
 * ({@code GET /sse}, {@code POST /legacy/message}). Both offer {@code echo} and {@code whoami}, and
 * count the calls that reach {@code whoami}.
 */
@SuppressWarnings("deprecation")
final class SdkTestUpstreams implements AutoCloseable {

    static final List<String> TOOLS = List.of("echo", "whoami");

    final AtomicInteger whoamiCalls = new AtomicInteger();
    private final Tomcat tomcat = new Tomcat();
    private final McpStatelessSyncServer json;
    private final McpSyncServer legacy;
    private final int port;

    SdkTestUpstreams() {
        HttpServletStatelessServerTransport stateless = HttpServletStatelessServerTransport.builder()
                .messageEndpoint("/json")
                .build();
        json = McpServer.sync(stateless)
                .serverInfo("json-upstream", "1.0")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(TOOLS.stream()
                        .map(name -> McpStatelessServerFeatures.SyncToolSpecification.builder()
                                .tool(tool(name))
                                .callHandler((context, request) -> call(name, request.arguments()))
                                .build())
                        .toList())
                .build();
        HttpServletSseServerTransportProvider sse = HttpServletSseServerTransportProvider.builder()
                .sseEndpoint("/sse")
                .messageEndpoint("/legacy/message")
                .build();
        legacy = McpServer.sync(sse)
                .serverInfo("legacy-upstream", "1.0")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(TOOLS.stream()
                        .map(name -> McpServerFeatures.SyncToolSpecification.builder()
                                .tool(tool(name))
                                .callHandler((exchange, request) -> call(name, request.arguments()))
                                .build())
                        .toList())
                .build();
        try {
            Registry.disableRegistry();
            tomcat.setBaseDir(Files.createTempDirectory("sdk-upstreams").toString());
            Connector connector = new Connector();
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", null);
            Tomcat.addServlet(context, "json", stateless).setAsyncSupported(true);
            context.addServletMappingDecoded("/json", "json");
            Tomcat.addServlet(context, "sse", sse).setAsyncSupported(true);
            context.addServletMappingDecoded("/sse", "sse");
            context.addServletMappingDecoded("/legacy/message", "sse");
            tomcat.start();
            port = connector.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String jsonUrl() {
        return "http://127.0.0.1:" + port + "/json";
    }

    String sseUrl() {
        return "http://127.0.0.1:" + port + "/sse";
    }

    private static Tool tool(String name) {
        return Tool.builder(name, Map.of("type", "object"))
                .description("test tool " + name)
                .build();
    }

    private CallToolResult call(String name, Map<String, Object> arguments) {
        if (name.equals("whoami")) {
            whoamiCalls.incrementAndGet();
        }
        String text =
                name.equals("echo") ? String.valueOf(arguments == null ? null : arguments.get("message")) : "upstream";
        return CallToolResult.builder().addTextContent(text).isError(false).build();
    }

    @Override
    public void close() {
        legacy.close();
        json.close();
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
