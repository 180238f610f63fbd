package dev.mcpgateway.ratelimit;

import dev.mcpgateway.PipelineOrder;
import dev.mcpgateway.mcp.JsonRpcExchange;
import dev.mcpgateway.mcp.McpCallInfo;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Stands in for the MCP inspection step in rate-limit tests: it records what inspection would read
 * from the JSON-RPC body (the request id, the tool of a {@code tools/call}) from two test headers,
 * through the same accessors the real step uses, just before the rate limit runs. Registered with
 * {@code @Import}, never by component scanning.
 */
public final class InspectionTestHook implements GlobalFilter, Ordered {

    public static final String REQUEST_ID = "X-Test-JsonRpc-Id";
    public static final String TOOL = "X-Test-Tool";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String id = exchange.getRequest().getHeaders().getFirst(REQUEST_ID);
        if (id != null) {
            JsonRpcExchange.setRequestId(exchange, id.matches("-?\\d{1,18}") ? (Object) Long.parseLong(id) : id);
        }
        McpCallInfo.setToolName(exchange, exchange.getRequest().getHeaders().getFirst(TOOL));
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return PipelineOrder.RATE_LIMIT - 1;
    }
}
