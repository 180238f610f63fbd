package dev.mcpgateway.proxy;

import dev.mcpgateway.config.RouteConfig;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import reactor.netty.http.client.HttpClient;

/**
 * How one route calls its upstream, made when the route is compiled: the shared connection pool with the route's
 * connect timeout, the time allowed until the upstream's response headers, the rules for the headers it gets, and
 * request senders prepared for the route's own endpoint. Reactor Netty copies its client configuration on every
 * {@code request(..)} and {@code uri(..)}; preparing them here leaves one copy per request (the body's).
 */
final class UpstreamClient {

    private final HttpClient client;
    private final Duration firstByteTimeout;
    private final UpstreamRequestHeaders requestHeaders;
    private final URI endpoint;
    private final Map<HttpMethod, HttpClient.RequestSender> prepared;

    /**
     * @param endpoint where the route's MCP requests go ({@link UpstreamTarget}); requests to another URL (a legacy
     *                 message endpoint the upstream announced) get their sender made per request
     */
    UpstreamClient(HttpClient shared, RouteConfig route, URI endpoint) {
        this.client = shared.option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                Math.toIntExact(route.timeouts().connect().toMillis()));
        this.firstByteTimeout = route.timeouts().firstByte();
        this.requestHeaders = new UpstreamRequestHeaders(route);
        this.endpoint = endpoint;
        String url = endpoint.toASCIIString();
        this.prepared = Map.of(
                HttpMethod.POST, client.request(HttpMethod.POST).uri(url),
                HttpMethod.GET, client.request(HttpMethod.GET).uri(url),
                HttpMethod.DELETE, client.request(HttpMethod.DELETE).uri(url));
    }

    /** A sender for {@code method} to {@code target}. */
    HttpClient.RequestSender sender(HttpMethod method, URI target) {
        HttpClient.RequestSender sender = target == endpoint || target.equals(endpoint) ? prepared.get(method) : null;
        return sender != null ? sender : client.request(method).uri(target.toASCIIString());
    }

    /** The time allowed from sending the request until the upstream's response headers have arrived. */
    Duration firstByteTimeout() {
        return firstByteTimeout;
    }

    UpstreamRequestHeaders requestHeaders() {
        return requestHeaders;
    }
}
