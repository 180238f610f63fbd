package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** The security chain's filters run in order, once each, lazily, and a refusal ends the chain. */
class PlainSecurityFilterChainTest {

    private final List<String> ran = new ArrayList<>();
    private final ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/mcp"));
    private final WebFilterChain after = exchange -> {
        ran.add("after");
        return Mono.empty();
    };

    @Test
    void everyFilterRunsOnceInOrderThenTheChainAfterIt() {
        WebFilterChain chain =
                new PlainSecurityFilterChain().decorate(after, List.of(passing("a"), passing("b"), passing("c")));

        chain.filter(exchange).block();

        assertThat(ran).containsExactly("a", "b", "c", "after");
    }

    @Test
    void aFilterThatAnswersItselfEndsTheChain() {
        WebFilter refusing = (exchange, chain) -> {
            ran.add("refuse");
            return Mono.empty();
        };
        WebFilterChain chain =
                new PlainSecurityFilterChain().decorate(after, List.of(passing("a"), refusing, passing("c")));

        chain.filter(exchange).block();

        assertThat(ran).containsExactly("a", "refuse");
    }

    @Test
    void nothingRunsBeforeSubscriptionAndEachSubscriptionRunsTheChainAgain() {
        Mono<Void> filtered = new PlainSecurityFilterChain()
                .decorate(after, List.of(passing("a")))
                .filter(exchange);

        assertThat(ran).isEmpty();
        filtered.block();
        filtered.block();
        assertThat(ran).containsExactly("a", "after", "a", "after");
    }

    @Test
    void withoutFiltersTheChainAfterRunsAtOnce() {
        new PlainSecurityFilterChain()
                .decorate(after, List.of())
                .filter(exchange)
                .block();

        assertThat(ran).containsExactly("after");
    }

    private WebFilter passing(String name) {
        return (exchange, chain) -> {
            ran.add(name);
            return chain.filter(exchange);
        };
    }
}
