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
 * stream lasts. Everything else (headers filters, the response-header timeout, streaming) is the stock filter's.
 */
final class McpRoutingFilter extends NettyRoutingFilter {

    McpRoutingFilter(
            HttpClient httpClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters,
            HttpClientProperties properties) {
        super(httpClient, headersFilters, properties);
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        Object client = route.getMetadata().get(McpRouteLocator.HTTP_CLIENT);
        return client instanceof HttpClient routeClient ? routeClient : super.getHttpClient(route, exchange);
    }
}
