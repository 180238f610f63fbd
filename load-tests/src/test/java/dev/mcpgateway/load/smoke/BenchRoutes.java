package dev.mcpgateway.load.smoke;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fills in {@code bench-routes.yaml}, the same file {@code compare.sh} and {@code stream-memory.sh} fill in with
 * {@code sed}, so the smoke test runs the configuration the benchmarks measure.
 */
final class BenchRoutes {

    private BenchRoutes() {}

    static Path write(Path target, String publicBaseUrl, String issuer, int maxCalls, int maxStreams)
            throws IOException {
        String template;
        try (InputStream in = BenchRoutes.class.getResourceAsStream("/bench-routes.yaml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(
                target,
                template.replace("@PUBLIC_BASE_URL@", publicBaseUrl)
                        .replace("@ISSUER@", issuer)
                        .replace("@MAX_CALLS@", Integer.toString(maxCalls))
                        .replace("@MAX_STREAMS@", Integer.toString(maxStreams)));
        return target;
    }
}
