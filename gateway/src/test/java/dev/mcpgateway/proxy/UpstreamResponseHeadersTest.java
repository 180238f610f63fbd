package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The client sees the upstream's answer fields without those of the upstream connection or the gateway's own. */
class UpstreamResponseHeadersTest {

    @Test
    void hopByHopFieldsAndThoseTheUpstreamsConnectionNominatesNeverReachTheClient() {
        io.netty.handler.codec.http.HttpHeaders upstream = new DefaultHttpHeaders();
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

        HttpHeaders client = new HttpHeaders();
        client.add("X-Frame-Options", "DENY");

        List<String> copied = UpstreamResponseHeaders.copy(upstream, client);

        assertThat(client.headerNames())
                .containsExactlyInAnyOrder("X-Frame-Options", "Content-Type", "Mcp-Session-Id", "Cache-Control");
        assertThat(client.getFirst("Mcp-Session-Id")).isEqualTo("s-1");
        assertThat(copied).containsExactlyInAnyOrder("Content-Type", "Mcp-Session-Id", "Cache-Control");
    }
}
