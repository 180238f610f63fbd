package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.RouteExchanges;
import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.JsonRpcExchange;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.test.StepVerifier;

/** Which failures the handler answers, and how; everything else is left to the next handler. */
class UpstreamErrorHandlerTest {

    private final RouteExchanges routes = new RouteExchanges("");
    private final UpstreamErrorHandler handler = new UpstreamErrorHandler(new ErrorResponseWriter());

    @Test
    void anUnreachableUpstreamIsA502NamingTheRouteWithTheRequestId() {
        ServerWebExchange exchange = routes.post();
        JsonRpcExchange.setRequestId(exchange, 42);
        StepVerifier.create(handler.handle(exchange, new ConnectException("Connection refused: /10.0.0.7:8080")))
                .verifyComplete();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(body(exchange))
                .startsWith("{\"jsonrpc\":\"2.0\",\"id\":42,\"error\":{\"code\":-32000,"
                        + "\"message\":\"The MCP server behind route 'r' is unreachable\",\"data\":{");
        assertThat(body(exchange))
                .contains("\"route\":\"r\"", "\"reason\":\"upstream_unreachable\"")
                .doesNotContain("10.0.0.7");
    }

    @Test
    void aRefusalCarriesRetryAfterInWholeSeconds() {
        ServerWebExchange exchange = routes.post();
        StepVerifier.create(handler.handle(
                        exchange,
                        new UpstreamRefusedException(UpstreamFailure.CIRCUIT_OPEN, "r", Duration.ofMillis(12_300))))
                .verifyComplete();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("13");
    }

    @Test
    void aStatusChosenByTheGatewayKeepsItsStatus() {
        ServerWebExchange exchange = routes.post();
        StepVerifier.create(handler.handle(exchange, new ResponseStatusException(HttpStatus.NOT_FOUND)))
                .verifyComplete();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(exchange)).contains("\"message\":\"Route 'r': Not Found\"");
    }

    @Test
    void requestsOutsideRoutesAndCommittedResponsesAreLeftAlone() {
        MockServerWebExchange other = MockServerWebExchange.from(
                MockServerHttpRequest.get("/elsewhere").build());
        StepVerifier.create(handler.handle(other, new ConnectException("refused")))
                .verifyError(ConnectException.class);

        ServerWebExchange committed = routes.get();
        committed.getResponse().setComplete().block();
        StepVerifier.create(handler.handle(committed, new ConnectException("refused")))
                .verifyError(ConnectException.class);
    }

    private static String body(ServerWebExchange exchange) {
        return ((MockServerHttpResponse) exchange.getResponse())
                .getBodyAsString()
                .block();
    }
}
