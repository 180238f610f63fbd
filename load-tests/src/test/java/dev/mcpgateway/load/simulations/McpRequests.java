package dev.mcpgateway.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;

/**
 * The MCP requests the simulations send (Streamable HTTP, MCP 2025-11-25), each with the checks that decide OK or
 * KO. Calls carry no {@code Mcp-Session-Id}: the benchmark route and upstream need no session, so every request is
 * the same cost and needs no {@code initialize} first.
 */
final class McpRequests {

    static final String PROTOCOL_VERSION = "2025-11-25";

    private McpRequests() {}

    /** For calls: one shared connection pool, as a client fleet behind a keep-alive pool; never a public warm-up URL. */
    static HttpProtocolBuilder protocol(LoadSettings settings) {
        return streamProtocol(settings).shareConnections();
    }

    /**
     * For long-lived GET streams: a connection per virtual user. Sharing the call pool with streams makes Gatling
     * send some stream requests twice (the upstream counted about 1.7 GETs per stream), which would skew stream counts.
     */
    static HttpProtocolBuilder streamProtocol(LoadSettings settings) {
        return http.baseUrl(settings.baseUrl())
                .acceptHeader("application/json, text/event-stream")
                .header("MCP-Protocol-Version", PROTOCOL_VERSION)
                .disableWarmUp();
    }

    /** {@code tools/call} of {@code echo}, answered with a small JSON result. */
    static HttpRequestActionBuilder echo(LoadSettings settings, String name) {
        return post(
                        settings,
                        name,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}}")
                .check(
                        status().is(200),
                        headerRegex("Content-Type", "^application/json").exists(),
                        substring("\"result\""));
    }

    /** {@code tools/list}: the gateway filters the result to the caller's tools, so both must still be there. */
    static HttpRequestActionBuilder toolsList(LoadSettings settings) {
        return post(settings, "tools/list", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}")
                .check(status().is(200), substring("\"echo\""), substring("\"stream10\""));
    }

    /** {@code tools/call} of {@code stream10}: an SSE answer whose ten events must all arrive. */
    static HttpRequestActionBuilder stream10(LoadSettings settings) {
        return post(
                        settings,
                        "tools/call stream10",
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                                + "\"params\":{\"name\":\"stream10\",\"arguments\":{}}}")
                .check(
                        status().is(200),
                        headerRegex("Content-Type", "^text/event-stream").exists(),
                        regex("(?m)^data: ").count().is(10),
                        substring("\"result\""));
    }

    /** A call with a token that is not valid: the gateway must refuse it (401, or 429 from its per-address limit). */
    static HttpRequestActionBuilder refused(LoadSettings settings) {
        return post(
                        settings,
                        "tools/call bad token",
                        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\","
                                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}}")
                .check(status().in(401, 429));
    }

    /**
     * A long-lived GET stream: open, wait for the upstream's priming event (id {@code 0}), hold it for
     * {@code hold}, close it.
     */
    static ChainBuilder idleStream(LoadSettings settings, Duration hold) {
        return CoreDsl.exec(sse("GET stream", "stream")
                        .get(settings.path())
                        .header("Authorization", "Bearer #{token}")
                        .await(Duration.ofSeconds(10))
                        .on(sse.checkMessage("priming event").check(regex("\"id\"\\s*:\\s*\"0\""))))
                .pause(hold)
                .exec(sse("GET stream close", "stream").close());
    }

    private static HttpRequestActionBuilder post(LoadSettings settings, String name, String body) {
        return http(name)
                .post(settings.path())
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody(body));
    }
}
