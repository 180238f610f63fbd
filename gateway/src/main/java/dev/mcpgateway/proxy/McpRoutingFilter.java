package dev.mcpgateway.proxy;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.client.HttpClient;

/**
 * Spring Cloud Gateway's routing filter, taking each route's own {@link HttpClient} (made once by
 * {@link McpRouteLocator}: the shared pool with the route's connect timeout) instead of deriving one from route
 * metadata on every request, which copies the client's configuration per request and keeps the copy for as long as a
 * stream lasts. Its header filters are the gateway's two alone ({@link UpstreamRequestHeaders} builds the upstream's
 * fields from the client's, {@link UpstreamResponseHeaders} the client's from the upstream's): Spring Cloud Gateway's
 * own would copy every header map three more times per request for a result the gateway's filters replace.
 * Everything else (the response-header timeout, streaming) is the stock filter's.
 */
final class McpRoutingFilter extends NettyRoutingFilter {

    private final List<HttpHeadersFilter> headersFilters;

    McpRoutingFilter(
            HttpClient httpClient,
            ObjectProvider<List<HttpHeadersFilter>> stockHeadersFilters,
            HttpClientProperties properties,
            UpstreamRequestHeaders requestHeaders,
            UpstreamResponseHeaders responseHeaders) {
        super(httpClient, stockHeadersFilters, properties);
        this.headersFilters = List.of(requestHeaders, responseHeaders);
    }

    @Override
    public List<HttpHeadersFilter> getHeadersFilters() {
        return headersFilters;
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        Object client = route.getMetadata().get(McpRouteLocator.HTTP_CLIENT);
        return client instanceof HttpClient routeClient ? routeClient : super.getHttpClient(route, exchange);
    }
}
