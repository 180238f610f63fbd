package dev.mcpgateway.support.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code modern-server.mjs}: an MCP server built with the TypeScript SDK v2 that serves protocol
 * revision 2026-07-28 and, on the same endpoint, 2025-era sessions. Besides the conformance fixtures it
 * has the gateway fixtures ({@code echo}, {@code whoami}, {@code admin_action}, {@code slow},
 * {@code route_call}, {@code mrtr_state}, {@code notify}, {@code docs://public/readme},
 * {@code docs://secret/plan}, prompts {@code greeting} and {@code admin_prompt}) and a plain-HTTP
 * status endpoint telling what reached it.
 */
public final class ModernServer implements AutoCloseable {

    /** How the server treats 2025-era (initialize-based) traffic. */
    public enum Legacy {
        /** Sessionful 2025 Streamable HTTP next to 2026-07-28 (the default). */
        SESSIONS,
        /** The SDK's own per-request 2025 serving: no sessions, GET and DELETE answer 405. */
        STATELESS,
        /** 2026-07-28 only: 2025 requests get the unsupported-protocol-version error. */
        REJECT,
        /** 2025 only, like a server that predates 2026-07-28 (a modern client falls back to initialize). */
        ONLY
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final NodeProcess process;

    private ModernServer(NodeProcess process) {
        this.process = process;
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @param toolsPageSize tools per {@code tools/list} page, 0 for one page
     * @param hostCheck the SDK's localhost Host/Origin (DNS-rebinding) guard; a gateway that forwards a
     *        client's Origin needs it off
     */
    public static ModernServer start(NodeProject project, Legacy legacy, int toolsPageSize, boolean hostCheck) {
        List<String> arguments = new ArrayList<>(List.of(
                "--port",
                "0",
                "--legacy",
                legacy.name().toLowerCase(),
                "--tools-page-size",
                String.valueOf(toolsPageSize),
                "--host-check",
                hostCheck ? "on" : "off"));
        return new ModernServer(NodeProcess.start(project, "modern-server.mjs", arguments, Map.of()));
    }

    public int port() {
        return process.port();
    }

    /** The MCP endpoint, {@code http://127.0.0.1:PORT/mcp}. */
    public String mcpUrl() {
        return "http://127.0.0.1:" + port() + "/mcp";
    }

    /**
     * What reached the server (GET /__status): {@code requests} by JSON-RPC method; {@code tools},
     * {@code prompts}, {@code resources} by name or URI, each with {@code calls} and the {@code lastHeaders}
     * of the last one; {@code cancellations} that handlers saw; {@code clientDisconnects} by method;
     * {@code listen} ({@code open}, {@code opened}, {@code closed}); {@code legacySessions}.
     */
    public JsonNode status() {
        return NodeProject.JSON.readTree(send("GET", "/__status"));
    }

    /** Clears the status counters. */
    public void resetStatus() {
        send("POST", "/__reset");
    }

    /**
     * Publishes {@code count} change notifications {@code intervalMs} apart to every open listen stream
     * and 2025 session: {@code kind} is {@code tools}, {@code prompts}, {@code resources} (list changes) or
     * {@code resource} (an update of {@code uri}).
     */
    public void publish(String kind, String uri, int count, int intervalMs) {
        send(
                "POST",
                "/__notify?kind=" + kind + "&uri=" + URLEncoder.encode(uri, StandardCharsets.UTF_8) + "&count=" + count
                        + "&intervalMs=" + intervalMs);
    }

    private String send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed; see " + process.log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
