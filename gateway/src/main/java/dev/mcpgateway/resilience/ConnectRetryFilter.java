package dev.mcpgateway.resilience;

import dev.mcpgateway.PipelineOrder;
import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.RouteConfig;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Applies {@link ConnectRetry}: re-runs Spring Cloud Gateway's routing filter once when the connection to the
 * upstream could not be established. The request body was not read by then (Reactor Netty subscribes to it only
 * once connected), so the second attempt sends it whole.
 */
public final class ConnectRetryFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ConnectRetryFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<RouteConfig> route = ExchangeRoutes.route(exchange);
        boolean enabled = route.map(r -> r.resilience().retryConnect()).orElse(false);
        if (!enabled) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).onErrorResume(error -> ConnectRetry.mayRetry(error, 1, true), error -> {
            log.debug(
                    "Connecting to the upstream of route '{}' failed ({}); trying once more",
                    route.get().id(),
                    error.toString());
            // The routing filter marks the exchange as routed before it connects; unmark it so it runs again.
            exchange.getAttributes().remove(ServerWebExchangeUtils.GATEWAY_ALREADY_ROUTED_ATTR);
            return chain.filter(exchange);
        });
    }

    @Override
    public int getOrder() {
        return PipelineOrder.CONNECT_RETRY;
    }
}
