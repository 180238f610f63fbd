package dev.mcpgateway.load.simulations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The system properties every simulation reads, so that each one runs standalone against any base URL:
 *
 * <ul>
 *   <li>{@code load.baseUrl} ({@code http://127.0.0.1:8080}) and {@code load.path} ({@code /bench/mcp}): the MCP endpoint;</li>
 *   <li>{@code load.tokenFile} ({@code target/tokens.txt}): access tokens, one a line ({@code LoadTools mint});</li>
 *   <li>{@code load.rate} (20): new requests (open-model users) per second;</li>
 *   <li>{@code load.seconds} (30): how long requests keep arriving; every simulation also stops at
 *       {@code load.seconds} + 30 s whatever happens;</li>
 *   <li>{@code load.streams} (100): long-lived GET streams in the SSE and mixed simulations, opened over the first
 *       half of the run and held until its end;</li>
 *   <li>{@code load.cachedTokens} (8): how many tokens of the file the cached-token traffic reuses;</li>
 *   <li>{@code load.strict} ({@code false}): when {@code true} the run fails (exit code 2) on any KO request or when
 *       no request was made; the smoke test sets it.</li>
 * </ul>
 */
public record LoadSettings(
        String baseUrl,
        String path,
        List<String> tokens,
        double rate,
        Duration duration,
        int streams,
        int cachedTokens,
        boolean strict) {

    public static LoadSettings fromSystemProperties() {
        Path tokenFile = Path.of(System.getProperty("load.tokenFile", "target/tokens.txt"));
        return new LoadSettings(
                System.getProperty("load.baseUrl", "http://127.0.0.1:8080"),
                System.getProperty("load.path", "/bench/mcp"),
                readTokens(tokenFile),
                Double.parseDouble(System.getProperty("load.rate", "20")),
                Duration.ofSeconds(Long.parseLong(System.getProperty("load.seconds", "30"))),
                Integer.parseInt(System.getProperty("load.streams", "100")),
                Integer.parseInt(System.getProperty("load.cachedTokens", "8")),
                Boolean.parseBoolean(System.getProperty("load.strict", "false")));
    }

    /** The hard stop of every simulation: arrivals end at {@link #duration()}, stragglers get 30 s more. */
    public Duration maxDuration() {
        return duration.plusSeconds(30);
    }

    private static List<String> readTokens(Path file) {
        try {
            List<String> tokens = Files.readAllLines(file).stream()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty())
                    .toList();
            if (tokens.isEmpty()) {
                throw new IllegalStateException("No tokens in " + file.toAbsolutePath());
            }
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read load.tokenFile " + file.toAbsolutePath(), e);
        }
    }
}
