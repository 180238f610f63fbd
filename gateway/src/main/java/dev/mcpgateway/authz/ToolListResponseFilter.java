package dev.mcpgateway.authz;

import dev.mcpgateway.mcp.RewritingResponse;
import dev.mcpgateway.mcp.SseEvent;
import dev.mcpgateway.token.ExchangePrincipal;
import dev.mcpgateway.token.TokenPrincipal;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 12, response shaping: on a route with a tool map, every response the upstream sends (to POST, GET
 * and DELETE alike, on the MCP endpoint and a legacy message endpoint) is read as a client would read it, and every
 * tool list in it shows only the tools the caller may call ({@link ToolPolicy#mayCall}), JSON bodies and SSE events
 * alike, event by event and unbuffered. Which request a list answers does not matter: a list can arrive on any
 * stream of a session (a concurrent POST's stream, a GET stream, a resumed stream replaying missed responses, MCP
 * 2025-11-25 transports, "Resumability and Redelivery"), so all of them are filtered with the scopes of the token
 * of the request carrying them. Whatever cannot be read that way is refused (fail closed), never passed on.
 */
public final class ToolListResponseFilter implements GatewayFilter {

    private final ToolPolicy policy;

    /** @param policy the policy of a route with a tool map, built once when the route is */
    ToolListResponseFilter(ToolPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Set<String> granted =
                ExchangePrincipal.of(exchange).map(TokenPrincipal::scopes).orElse(Set.of());
        ToolListShaper shaper = new ToolListShaper(tool -> policy.mayCall(granted, tool));
        RewritingResponse response = new RewritingResponse(
                exchange.getResponse(),
                new RewritingResponse.Rewrite() {
                    @Override
                    public Mono<byte[]> event(SseEvent event) {
                        return Mono.fromCallable(() -> shaper.shapeEvent(event));
                    }

                    @Override
                    public Mono<byte[]> json(byte[] body) {
                        return Mono.fromCallable(() -> shaper.shapeJson(body));
                    }
                },
                true);
        return chain.filter(exchange.mutate().response(response).build());
    }
}
