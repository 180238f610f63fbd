package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.RoutesFileParser;
import dev.mcpgateway.support.GatewayUnderTest;
import dev.mcpgateway.web.RouteResolutionFilter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** The client sees the upstream's answer fields without those of the upstream connection or the gateway's own. */
class UpstreamResponseHeadersTest {

    @Test
    void hopByHopFieldsAndThoseTheUpstreamsConnectionNominatesNeverReachTheClient() {
        HttpHeaders upstream = new HttpHeaders();
        upstream.add("Connection", "keep-alive, X-Upstream-Hop");
        upstream.add("Connection", "x-other-hop");
        upstream.add("X-Upstream-Hop", "secret");
        upstream.add("X-Other-Hop", "secret");
        upstream.add("Keep-Alive", "timeout=5");
        upstream.add("Proxy-Connection", "keep-alive");
        upstream.add("Transfer-Encoding", "chunked");
        upstream.add("TE", "trailers");
        upstream.add("Trailer", "X-Checksum");
        upstream.add("Upgrade", "h2c");
        upstream.add("X-Application-Context", "upstream:8080");
        upstream.add("WWW-Authenticate", "Bearer realm=\"upstream\"");
        upstream.add("Access-Control-Allow-Origin", "*");
        upstream.add("Content-Type", "text/event-stream");
        upstream.add("Mcp-Session-Id", "s-1");
        upstream.add("Cache-Control", "no-store");

        HttpHeaders client = new UpstreamResponseHeaders().filter(upstream, routedExchange());

        assertThat(client.headerNames()).containsExactlyInAnyOrder("Content-Type", "Mcp-Session-Id", "Cache-Control");
        assertThat(client.getFirst("Mcp-Session-Id")).isEqualTo("s-1");
    }

    private static MockServerWebExchange routedExchange() {
        Path file = GatewayUnderTest.writeRoutes("upstream-response-headers", """
                gateway:
                  public-base-url: https://mcp.example.com
                  authorization-servers: { corp: { issuer: https://auth.example.com } }
                routes:
                  - id: r
                    path: /r/mcp
                    upstream: http://r.internal/mcp
                    authorization-servers: [corp]
                """);
        GatewayConfigStore store = new GatewayConfigStore(file, new RoutesFileParser(name -> null));
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.post("/r/mcp").build());
        new RouteResolutionFilter(store)
                .filter(exchange, pinned -> Mono.empty())
                .block();
        return exchange;
    }
}
