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
 * requests to the route's own endpoint prepared whole, body function included. Reactor Netty copies its client
 * configuration on every {@code request(..)}, {@code uri(..)} and {@code send(..)}; prepared here, a request makes no
 * copy. The body function is {@link McpRoutingFilter}'s one static function, which finds its exchange in the
 * subscriber context: the connection pool keeps the configuration of the request that created it for as long as the
 * pool lives, and a function capturing that request's exchange kept the exchange (its request, fields and principal)
 * with it.
 */
final class UpstreamClient {

    private final HttpClient client;
    private final Duration firstByteTimeout;
    private final UpstreamRequestHeaders requestHeaders;
    private final URI endpoint;
    private final Map<HttpMethod, HttpClient.ResponseReceiver<?>> prepared;

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
                HttpMethod.POST, client.request(HttpMethod.POST).uri(url).send(McpRoutingFilter.SEND),
                HttpMethod.GET, client.request(HttpMethod.GET).uri(url).send(McpRoutingFilter.SEND),
                HttpMethod.DELETE, client.request(HttpMethod.DELETE).uri(url).send(McpRoutingFilter.SEND));
    }

    /**
     * The request {@code method} to {@code target}, its headers and body written by {@link McpRoutingFilter#SEND}
     * for the exchange in the subscriber context.
     */
    HttpClient.ResponseReceiver<?> request(HttpMethod method, URI target) {
        HttpClient.ResponseReceiver<?> request =
                target == endpoint || target.equals(endpoint) ? prepared.get(method) : null;
        return request != null
                ? request
                : client.request(method).uri(target.toASCIIString()).send(McpRoutingFilter.SEND);
    }

    /** The time allowed from sending the request until the upstream's response headers have arrived. */
    Duration firstByteTimeout() {
        return firstByteTimeout;
    }

    UpstreamRequestHeaders requestHeaders() {
        return requestHeaders;
    }
}
