package dev.mcpgateway.authz;

import dev.mcpgateway.mcp.RewritingResponse;
import dev.mcpgateway.mcp.SseEvent;
import dev.mcpgateway.token.ExchangePrincipal;
import dev.mcpgateway.token.TokenPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 12, response shaping: on a route with a tool, prompt or resource map, every response the upstream
 * sends (to POST, GET and DELETE alike, on the MCP endpoint and a legacy message endpoint) is read as a client would
 * read it, and every tool list in it shows only the tools the caller may call ({@link ToolPolicy#mayCall}), every
 * prompt list only the prompts it may get, every resource and resource template list only what it may read, and
 * each such list result is marked {@code cacheScope: "private"} ({@link ToolListShaper}), JSON bodies and SSE events
 * alike, event by event and unbuffered. Which request a list answers does not matter: a list can arrive on any
 * stream of a session (a concurrent POST's stream, a GET stream, a resumed stream replaying missed responses, MCP
 * 2025-11-25 transports, "Resumability and Redelivery"), so all of them are filtered with the scopes of the token
 * of the request carrying them. Whatever cannot be read that way is refused (fail closed), never passed on.
 */
public final class ToolListResponseFilter implements GatewayFilter {

    private static final int LIST_KINDS = 4;

    private final ToolPolicy policy;

    /** @param policy the policy of a route with a tool, prompt or resource map, built once when the route is */
    ToolListResponseFilter(ToolPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Set<String> granted =
                ExchangePrincipal.of(exchange).map(TokenPrincipal::scopes).orElse(Set.of());
        List<ToolListShaper.Listed> lists = new ArrayList<>(LIST_KINDS);
        if (!policy.tools().isEmpty()) {
            lists.add(ToolListShaper.Listed.tools(tool -> policy.mayCall(granted, tool)));
        }
        if (!policy.prompts().isEmpty()) {
            lists.add(ToolListShaper.Listed.prompts(prompt -> policy.mayGet(granted, prompt)));
        }
        if (!policy.resources().isEmpty()) {
            lists.add(ToolListShaper.Listed.resources(uri -> policy.mayRead(granted, uri)));
            lists.add(ToolListShaper.Listed.resourceTemplates(template -> policy.mayRead(granted, template)));
        }
        ToolListShaper shaper = new ToolListShaper(lists);
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
