package dev.mcpgateway.resilience;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Applies {@link ConnectRetry}: re-runs Spring Cloud Gateway's routing filter once when the connection to the
 * upstream could not be established. The request body was not read by then (Reactor Netty subscribes to it only
 * once connected), so the second attempt sends it whole.
 */
public final class ConnectRetryFilter implements GatewayFilter {

    private static final Logger log = LoggerFactory.getLogger(ConnectRetryFilter.class);

    private final String routeId;

    /** @param routeId a route with {@code resilience.retry-connect} */
    ConnectRetryFilter(String routeId) {
        this.routeId = routeId;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(error -> ConnectRetry.mayRetry(error, 1, true), error -> {
            log.debug(
                    "Connecting to the upstream of route '{}' failed ({}); trying once more",
                    routeId,
                    error.toString());
            // The routing filter marks the exchange as routed before it connects; unmark it so it runs again.
            exchange.getAttributes().remove(ServerWebExchangeUtils.GATEWAY_ALREADY_ROUTED_ATTR);
            return chain.filter(exchange);
        });
    }
}
