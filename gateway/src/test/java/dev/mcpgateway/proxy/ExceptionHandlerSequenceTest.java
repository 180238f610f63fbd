package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.handler.ExceptionHandlingWebHandler;
import reactor.core.publisher.Mono;

/**
 * The exception handlers as one behave as spring-web's layers of them: in order, each with the error the one before
 * left (and the exchange's handled-exception attribute set to it), until one answers.
 */
class ExceptionHandlerSequenceTest {

    private final ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/mcp"));
    private final List<String> asked = new ArrayList<>();

    @Test
    void theFirstHandlerThatAnswersEndsTheSequence() {
        IllegalStateException failure = new IllegalStateException("boom");

        new ExceptionHandlerSequence(List.of(passing("a"), answering("b"), answering("c")))
                .handle(exchange, failure)
                .block();

        assertThat(asked).containsExactly("a:boom", "b:boom");
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat((Object) exchange.getAttribute(ExceptionHandlingWebHandler.HANDLED_WEB_EXCEPTION))
                .isSameAs(failure);
    }

    @Test
    void eachHandlerGetsTheErrorTheOneBeforeLeft() {
        WebExceptionHandler replacing = (exchange, error) -> {
            asked.add("replace:" + error.getMessage());
            return Mono.error(new IllegalArgumentException("replaced"));
        };

        new ExceptionHandlerSequence(List.of(replacing, answering("next")))
                .handle(exchange, new IllegalStateException("first"))
                .block();

        assertThat(asked).containsExactly("replace:first", "next:replaced");
        assertThat((Object) exchange.getAttribute(ExceptionHandlingWebHandler.HANDLED_WEB_EXCEPTION))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anErrorNoHandlerAnswersComesOutAsItWasLeft() {
        IllegalStateException failure = new IllegalStateException("unhandled");

        Mono<Void> handled =
                new ExceptionHandlerSequence(List.of(passing("a"), passing("b"))).handle(exchange, failure);

        assertThatThrownBy(handled::block).isSameAs(failure);
        assertThat(asked).containsExactly("a:unhandled", "b:unhandled");
    }

    private WebExceptionHandler passing(String name) {
        return (exchange, error) -> {
            asked.add(name + ":" + error.getMessage());
            return Mono.error(error);
        };
    }

    private WebExceptionHandler answering(String name) {
        return (exchange, error) -> {
            asked.add(name + ":" + error.getMessage());
            exchange.getResponse().setStatusCode(HttpStatus.BAD_GATEWAY);
            return exchange.getResponse().setComplete();
        };
    }
}
