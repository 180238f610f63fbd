package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.HttpStatusExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's one security chain runs behind Spring Security's firewall exactly as inside Spring Security's own
 * proxy: every filter in order on the firewalled exchange, then the rest of the web chain; a request the firewall
 * rejects is answered by the rejection handler and reaches no filter.
 */
class SingleChainSecurityProxyTest {

    private final List<String> ran = new ArrayList<>();
    private final List<ServerWebExchange> seen = new ArrayList<>();
    private final WebFilterChain after = exchange -> {
        ran.add("after");
        return Mono.empty();
    };

    private SingleChainSecurityProxy proxy(WebFilter... filters) {
        return new SingleChainSecurityProxy(
                new EveryExchangeSecurityChain(List.of(filters)),
                new StrictServerWebExchangeFirewall(),
                new HttpStatusExchangeRejectedHandler());
    }

    @Test
    void everyFilterOfTheChainRunsInOrderOnTheFirewalledExchangeThenTheChainAfterIt() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/route/mcp"));

        proxy(passing("a"), passing("b"), passing("c")).filter(exchange, after).block();

        assertThat(ran).containsExactly("a", "b", "c", "after");
        assertThat(seen)
                .allSatisfy(filtered -> assertThat(filtered)
                        .as("the firewall's view of the exchange, as in Spring Security's proxy")
                        .isNotSameAs(exchange));
    }

    @Test
    void aRequestTheFirewallRejectsIsAnsweredByTheRejectionHandlerAndReachesNoFilter() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/route/..;/admin/mcp"));

        proxy(passing("a")).filter(exchange, after).block();

        assertThat(ran).isEmpty();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aMethodTheFirewallDoesNotKnowIsRejectedBeforeAnyFilter() {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.valueOf("PROPFIND"), "/route/mcp"));

        proxy(passing("a")).filter(exchange, after).block();

        assertThat(ran).isEmpty();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void nothingRunsBeforeSubscription() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/route/mcp"));

        Mono<Void> filtered = proxy(passing("a")).filter(exchange, after);

        assertThat(ran).isEmpty();
        filtered.block();
        assertThat(ran).containsExactly("a", "after");
    }

    @Test
    void itsNameIsOneStringForEveryRequestsCheckpoint() {
        SingleChainSecurityProxy proxy = proxy(passing("a"));

        assertThat(proxy.toString()).isSameAs(proxy.toString()).isEqualTo(SingleChainSecurityProxy.class.getName());
    }

    private WebFilter passing(String name) {
        return (exchange, chain) -> {
            ran.add(name);
            seen.add(exchange);
            return chain.filter(exchange);
        };
    }
}
