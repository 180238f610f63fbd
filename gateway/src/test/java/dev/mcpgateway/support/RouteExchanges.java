package dev.mcpgateway.support;

import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.RoutesFileParser;
import dev.mcpgateway.web.RouteResolutionFilter;
import java.nio.file.Path;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Unit-test exchanges pinned to route {@code r} ({@code /r/mcp}) of a one-route configuration, as pipeline step 0 pins them. */
public final class RouteExchanges {

    public static final String PATH = "/r/mcp";

    private final GatewayConfigStore store;

    /** @param routeExtras YAML lines added to the route, indented by four spaces */
    public RouteExchanges(String routeExtras) {
        Path file = GatewayUnderTest.writeRoutes("route-exchanges", """
                    gateway:
                      public-base-url: https://mcp.example.com
                      authorization-servers: { corp: { issuer: https://auth.example.com } }
                    routes:
                      - id: r
                        path: /r/mcp
                        upstream: http://r.internal/mcp
                        authorization-servers: [corp]
                    """ + routeExtras);
        store = new GatewayConfigStore(file, new RoutesFileParser(name -> null));
    }

    public GatewayConfigStore store() {
        return store;
    }

    public ServerWebExchange post() {
        return pinned(MockServerHttpRequest.post(PATH).build());
    }

    public ServerWebExchange get() {
        return pinned(MockServerHttpRequest.get(PATH).build());
    }

    private ServerWebExchange pinned(MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        new RouteResolutionFilter(store)
                .filter(exchange, pinnedExchange -> Mono.empty())
                .block();
        return exchange;
    }
}
