package dev.mcpgateway.config;

import java.time.Duration;

/**
 * Upstream time limits. Both bound only the wait for the upstream to answer; neither ever
 * bounds the length of an established response stream (MCP SSE streams may stay open for hours).
 *
 * @param connect   TCP connect timeout
 * @param firstByte time from sending the request to receiving the response headers
 */
public record TimeoutsConfig(Duration connect, Duration firstByte) {

    public static final TimeoutsConfig DEFAULTS = new TimeoutsConfig(Duration.ofSeconds(5), Duration.ofSeconds(60));
}
