package dev.mcpgateway.load.proxy;

import dev.mcpgateway.load.Args;
import dev.mcpgateway.load.ToolOutput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * The JVM floor of the comparison: a reverse proxy on bare Reactor Netty, without Spring, routing or checks.
 * Every request goes to the same upstream origin with its path and query unchanged, over a pooled keep-alive
 * client; bodies stream in both directions without buffering, and a {@code text/event-stream} answer is flushed
 * chunk by chunk so events are never held back. Whatever the gateway costs above this is Spring Cloud Gateway,
 * Spring Security and the gateway's own pipeline.
 */
public final class BareNettyProxy implements AutoCloseable {

    private final HttpClient client;
    private final ConnectionProvider pool;
    private final DisposableServer server;

    private BareNettyProxy(String host, int port, String upstreamOrigin, int maxConnections) {
        this.pool = ConnectionProvider.builder("bare-proxy")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(30))
                .build();
        this.client =
                HttpClient.create(pool).baseUrl(upstreamOrigin).compress(false).keepAlive(true);
        this.server =
                HttpServer.create().host(host).port(port).handle(this::proxy).bindNow();
    }

    /** Listens on {@code host:port} and forwards to {@code upstreamOrigin} (e.g. {@code http://127.0.0.1:9100}). */
    public static BareNettyProxy start(String host, int port, String upstreamOrigin, int maxConnections) {
        return new BareNettyProxy(host, port, upstreamOrigin, maxConnections);
    }

    /** {@code bare-proxy --upstream=http://127.0.0.1:9100 [--host=127.0.0.1] [--port=9200] [--max-connections=1024]}. */
    public static void main(Args args) throws InterruptedException {
        BareNettyProxy proxy = start(
                args.string("host", "127.0.0.1"),
                args.integer("port", 9200),
                args.required("upstream"),
                args.integer("max-connections", 1024));
        Runtime.getRuntime().addShutdownHook(new Thread(proxy::close));
        ToolOutput.line("READY http://" + proxy.server.host() + ":" + proxy.server.port());
        ToolOutput.awaitDisposal(proxy.server);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(2));
        pool.dispose();
    }

    private Publisher<Void> proxy(HttpServerRequest request, HttpServerResponse response) {
        HttpHeaders inbound = request.requestHeaders();
        boolean hasBody =
                inbound.contains(HttpHeaderNames.CONTENT_LENGTH) || inbound.contains(HttpHeaderNames.TRANSFER_ENCODING);
        HttpClient.RequestSender sender = client.headers(headers -> HopByHopHeaders.copy(inbound, headers))
                .request(request.method())
                .uri(request.uri());
        HttpClient.ResponseReceiver<?> receiver = hasBody
                ? sender.send((upstreamRequest, outbound) ->
                        outbound.send(request.receive().retain()))
                : sender;
        return receiver.response((upstreamResponse, body) -> {
                    response.status(upstreamResponse.status());
                    HopByHopHeaders.copy(upstreamResponse.responseHeaders(), response.responseHeaders());
                    String type = upstreamResponse.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE, "");
                    boolean eventStream = type.startsWith("text/event-stream");
                    return response.send(body.retain(), buffer -> eventStream);
                })
                .then();
    }
}
