package dev.mcpgateway.support.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code token-shim.mjs}: a loopback proxy that adds {@code Authorization: Bearer <token>} to every
 * request it forwards to a target base URL, streaming bodies both ways (SSE passes event by event). It
 * lets the conformance CLI, which cannot send a token, run through the gateway. The token is kept in a
 * file the shim reads for every request, so {@link #rotate} takes effect on the next request.
 */
public final class TokenShim implements AutoCloseable {

    private final NodeProcess process;
    private final Path tokenFile;

    private TokenShim(NodeProcess process, Path tokenFile) {
        this.process = process;
        this.tokenFile = tokenFile;
    }

    /** Starts a shim forwarding to {@code target} (a request for {@code /mcp} goes to {@code target + "/mcp"}). */
    public static TokenShim start(NodeProject project, String target, String token) {
        try {
            Files.createDirectories(project.logDirectory());
            Path tokenFile = Files.createTempFile(project.logDirectory(), "shim-token", ".txt");
            Files.writeString(tokenFile, token);
            NodeProcess process = NodeProcess.start(
                    project,
                    "token-shim.mjs",
                    List.of("--port", "0", "--target", target, "--token-file", tokenFile.toString()),
                    Map.of());
            return new TokenShim(process, tokenFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return process.port();
    }

    /** The shim's URL for {@code path}, e.g. {@code url("/mcp")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Replaces the token sent from the next request on. */
    public void rotate(String token) {
        try {
            Files.writeString(tokenFile, token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.close();
        try {
            Files.deleteIfExists(tokenFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
