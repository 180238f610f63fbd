package dev.mcpgateway.resilience;

import dev.mcpgateway.web.JsonRpcExchange;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Test stand-in for the MCP inspection step, which reads the JSON-RPC id from the body: takes the id from a test
 * header instead, so error bodies can be checked for the right id without depending on the inspection.
 */
final class JsonRpcIdFromTestHeader implements WebFilter, Ordered {

    static final String HEADER = "X-Test-JsonRpc-Id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (id != null) {
            JsonRpcExchange.setRequestId(exchange, id.matches("\\d+") ? (Object) Long.valueOf(id) : id);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
