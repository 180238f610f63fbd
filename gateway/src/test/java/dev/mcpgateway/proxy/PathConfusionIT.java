package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import dev.mcpgateway.support.RawHttp;
import dev.mcpgateway.support.RawHttp.Answer;
import dev.mcpgateway.support.RecordedRequest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request reaches an upstream only when its path is exactly a route's path (or a legacy route's message path):
 * routes are matched by the configuration they were resolved to, and the upstream URL is fixed when the route is
 * built. Spellings that another component could normalize to a route path (a trailing slash, dot segments, encoded
 * characters, matrix parameters, another case) are refused or unknown, with a valid token for the route they
 * imitate, and nothing reaches an upstream; nor can the request target or {@code Host} choose where a request goes.
 */
class PathConfusionIT extends GatewayIntegrationTest {

    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/test/mcp/",
                "/test/mcp;a=b",
                "/test;a=b/mcp",
                "/test//mcp",
                "//test/mcp",
                "/test/./mcp",
                "/test/mcp/.",
                "/tools/mcp/../test/mcp",
                "/test/%6dcp",
                "/test/mc%70",
                "/test%2Fmcp",
                "/test%2fmcp",
                "/test/mcp%2e",
                "/test/mcp%00",
                "/test/mcp%20",
                "/test\\mcp",
                "/TEST/mcp",
                "/test/MCP",
                "/test/mcp/message",
                "/test",
                "/hostile/sse/message/",
                "/hostile/sse/messages",
                "/hostile/sse/message;sessionId=x",
                "/hostile/sse/%6dessage"
            })
    void pathThatIsNotExactlyARoutesPathNeverReachesAnUpstream(String path) {
        int recorded = PEERS.upstream.count();
        int hostile = PEERS.hostile.count();
        Answer answer = post(path, "Host: 127.0.0.1\r\n");
        assertThat(answer.status()).as(answer.head()).isIn(400, 404);
        assertThat(PEERS.upstream.count()).isEqualTo(recorded);
        assertThat(PEERS.hostile.count()).isEqualTo(hostile);
    }

    @Test
    void absoluteFormTargetAndHostHeaderCannotChooseTheUpstream() {
        URI upstream = URI.create(PEERS.upstream.mcpUrl());
        Answer answer =
                post("http://internal.example:9999/test/mcp?url=http://internal.example", "Host: internal.example\r\n");
        assertThat(answer.status()).as(answer.head()).isEqualTo(200);
        RecordedRequest received = PEERS.upstream.last();
        assertThat(received.uri()).isEqualTo(upstream.getPath());
        assertThat(received.headers().getAll("Host")).containsExactly(upstream.getAuthority());
    }

    private Answer post(String target, String host) {
        return RawHttp.exchange(
                PEERS.gatewayPort,
                "POST " + target + " HTTP/1.1\r\n" + host + "Authorization: Bearer " + validToken()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + CALL.length()
                        + "\r\nConnection: close\r\n\r\n" + CALL);
    }
}
