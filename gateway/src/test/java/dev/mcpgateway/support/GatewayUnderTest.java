package dev.mcpgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every test that runs a gateway needs around it: a {@code routes.yaml} of its own, the properties of a
 * {@code @SpringBootTest} gateway on a port chosen up front (the public base URL, and so every resource URI, must be
 * known before the gateway starts), and a client patient enough for a loaded machine.
 *
 * <p>Every routes file written here is meant to be valid, so it must pass {@code schema/routes.schema.json} first
 * ({@link RoutesSchema#valid}): the schema can never reject a file the gateway accepts without a test failing. A test
 * that needs a broken file writes it itself.
 */
public final class GatewayUnderTest {

    private GatewayUnderTest() {}

    /**
     * {@code yaml}, which the schema must accept, as {@code routes.yaml} in a new temporary directory whose name starts
     * with {@code purpose}.
     */
    public static Path writeRoutes(String purpose, String yaml) {
        try {
            Path file = Files.createTempDirectory(purpose).resolve("routes.yaml");
            Files.writeString(file, RoutesSchema.valid(yaml));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces {@code file} with {@code yaml}, which the schema must accept, atomically, so a watching gateway never
     * reads it half written.
     */
    public static void replaceRoutes(Path file, String yaml) {
        try {
            Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), RoutesSchema.valid(yaml));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A gateway on 127.0.0.1:{@code port} serving the routes file that {@code routesFile} names when it starts. */
    public static void properties(DynamicPropertyRegistry registry, Supplier<Object> routesFile, int port) {
        registry.add("gateway.routes-file", routesFile);
        registry.add("server.port", () -> port);
        registry.add("server.address", () -> "127.0.0.1");
    }

    /** A client of the gateway at {@code baseUrl} that waits up to 20 s for an answer. */
    public static WebTestClient client(String baseUrl) {
        return WebTestClient.bindToServer()
                .baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }
}
