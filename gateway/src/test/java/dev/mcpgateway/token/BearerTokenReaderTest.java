package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request whose fields are not Reactor Netty's own (a mock here; a copy some step made before authentication in a
 * running gateway) still loses its verified token: the exchange handed on shows no {@code Authorization}, and keeps
 * everything else. A request that already shows none is handed on as it is, without a copy.
 */
class BearerTokenReaderTest {

    @Test
    void aRequestWhoseFieldsAreNotNettysIsHandedOnWithoutItsToken() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/route/mcp")
                .header(HttpHeaders.AUTHORIZATION, "Bearer abc")
                .header("Mcp-Session-Id", "s1"));
        exchange.getAttributes().put("kept", Boolean.TRUE);

        ServerWebExchange handedOn = BearerTokenReader.withoutCredential(exchange);

        assertThat(handedOn.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION))
                .isFalse();
        assertThat(handedOn.getRequest().getHeaders().getFirst("Mcp-Session-Id"))
                .isEqualTo("s1");
        assertThat(handedOn.<Boolean>getAttribute("kept"))
                .as("the same exchange's attributes")
                .isTrue();
    }

    @Test
    void aRequestWithoutTheFieldIsHandedOnAsItIs() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/route/mcp"));

        assertThat(BearerTokenReader.withoutCredential(exchange)).isSameAs(exchange);
    }
}
