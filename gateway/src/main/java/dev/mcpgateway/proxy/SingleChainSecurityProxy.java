package dev.mcpgateway.proxy;

import java.util.List;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Spring Security's {@link WebFilterChainProxy} for a configuration with exactly one security chain, and that chain
 * matching every exchange ({@link EveryExchangeSecurityChain}): the same firewall and
 * rejection handling, then that chain's filters, listed once at start-up, run in order by
 * {@link PlainSecurityFilterChain}. The stock proxy picks a chain per request by asking every chain's matcher
 * through {@code Flux.filterWhen} (a 256-slot buffer) and collects the chosen chain's filters into a new list, about
 * a dozen operators per request that a stream keeps subscribed for its whole life (about 1.4 KiB of heap per open
 * stream); with one chain for every exchange, the answer is known at start-up.
 */
final class SingleChainSecurityProxy extends WebFilterChainProxy {

    private static final String NAME = SingleChainSecurityProxy.class.getName();

    private final ServerWebExchangeFirewall firewall;
    private final ServerExchangeRejectedHandler rejectedHandler;
    private final PlainSecurityFilterChain links = new PlainSecurityFilterChain();
    private final List<WebFilter> filters;

    /**
     * @param chain the only security chain
     * @param firewall the firewall every request passes first
     * @param rejectedHandler what answers a request the firewall rejects
     */
    SingleChainSecurityProxy(
            EveryExchangeSecurityChain chain,
            ServerWebExchangeFirewall firewall,
            ServerExchangeRejectedHandler rejectedHandler) {
        super(chain); // the parent's selection is never used: filter(..) below replaces it whole
        this.firewall = firewall;
        this.rejectedHandler = rejectedHandler;
        this.filters = chain.filters();
    }

    /**
     * A constant name: spring-web's filter chain labels every request's checkpoint around a web filter with the
     * filter's {@code toString()}, which by default formats the identity hash into a new string per request (and a
     * stream keeps it).
     */
    @Override
    public String toString() {
        return NAME;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return firewall.getFirewalledExchange(exchange)
                .flatMap(firewalled -> links.decorate(chain, filters).filter(firewalled))
                .onErrorResume(
                        ServerExchangeRejectedException.class,
                        rejected -> rejectedHandler.handle(exchange, rejected).then(Mono.empty()));
    }
}
