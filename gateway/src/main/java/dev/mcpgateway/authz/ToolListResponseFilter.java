package dev.mcpgateway.authz;

import dev.mcpgateway.PipelineOrder;
import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.mcp.InspectedMessage;
import dev.mcpgateway.mcp.McpCallInfo;
import dev.mcpgateway.mcp.RewritingResponse;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 12, response shaping: on a route with a tool map, {@code tools/list} results list
 * only the tools the caller may call ({@link ToolPolicy#mayCall}), in JSON responses and in SSE
 * responses event by event, unbuffered. On Streamable HTTP, the rewritten messages are the responses
 * to the request's own {@code tools/list} ids. On GET streams, where the request that a response
 * answers is not known (a legacy HTTP+SSE stream carries the responses to every POST; a Streamable
 * HTTP GET may replay missed responses when a client resumes with {@code Last-Event-ID}, MCP
 * 2025-11-25 transports, "Resumability and Redelivery"), any response carrying a {@code result.tools}
 * list is filtered, with the scopes of the token that opened the stream. A compressed or oversized
 * response that needs filtering is refused (fail closed), never passed on unfiltered.
 */
public final class ToolListResponseFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<RouteConfig> route = ExchangeRoutes.route(exchange);
        if (route.isEmpty() || route.get().toolScopes().isEmpty()) {
            return chain.filter(exchange);
        }
        HttpMethod method = exchange.getRequest().getMethod();
        boolean streamablePost = route.get().transport() == RouteConfig.Transport.STREAMABLE_HTTP && method == HttpMethod.POST;
        boolean stream = method == HttpMethod.GET
                && exchange.getRequest().getPath().pathWithinApplication().value().equals(route.get().path());
        if (!streamablePost && !stream) {
            return chain.filter(exchange);
        }
        ToolPolicy policy = ToolPolicy.of(route.get());
        return ToolAuthorizationFilter.grantedScopes(exchange).flatMap(granted -> {
            Predicate<Object> answersToolList = stream ? id -> true : id -> toolListIds(exchange).contains(id);
            BooleanSupplier active = stream ? () -> true : () -> !toolListIds(exchange).isEmpty();
            ToolListRewriter rewriter = new ToolListRewriter(answersToolList, tool -> policy.mayCall(granted, tool));
            RewritingResponse response = new RewritingResponse(exchange.getResponse(), active,
                    event -> Mono.just(rewriter.rewriteEvent(event)), rewriter::rewriteJson);
            return chain.filter(exchange.mutate().response(response).build());
        });
    }

    private static Set<Object> toolListIds(ServerWebExchange exchange) {
        return McpCallInfo.messages(exchange).stream()
                .filter(message -> message.kind() == InspectedMessage.Kind.REQUEST && InspectedMessage.TOOLS_LIST.equals(message.method()))
                .map(InspectedMessage::id)
                .collect(Collectors.toSet());
    }

    @Override
    public int getOrder() {
        return PipelineOrder.RESPONSE_SHAPING;
    }
}
