package dev.mcpgateway.proxy;

import java.util.List;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A security chain that matches every exchange, its filters known at start-up: the gateway's only chain
 * ({@link GatewaySecurityConfiguration#gatewaySecurityChain}), which {@link SingleChainSecurityProxy} runs without
 * asking a matcher per request.
 *
 * @param filters the chain's web filters, in execution order
 */
record EveryExchangeSecurityChain(List<WebFilter> filters) implements SecurityWebFilterChain {

    private static final Mono<Boolean> MATCHES = Mono.just(true);

    EveryExchangeSecurityChain {
        filters = List.copyOf(filters);
    }

    @Override
    public Mono<Boolean> matches(ServerWebExchange exchange) {
        return MATCHES;
    }

    @Override
    public Flux<WebFilter> getWebFilters() {
        return Flux.fromIterable(filters);
    }
}
