package dev.mcpgateway.mrtr;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.mcp.InspectedMessage;
import dev.mcpgateway.mcp.McpCallInfo;
import dev.mcpgateway.mcp.McpErrors;
import dev.mcpgateway.mcp.ProtocolVersions;
import dev.mcpgateway.token.ExchangePrincipal;
import dev.mcpgateway.token.TokenPrincipal;
import dev.mcpgateway.web.DataBufferBytes;
import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.ForwardedBody;
import dev.mcpgateway.web.GatewayError;
import dev.mcpgateway.web.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sealed request state for MCP 2026-07-28 multi round-trip requests (basic/patterns/mrtr). The upstream cannot
 * authenticate anyone, so a {@code requestState} a client echoes would be attacker-controlled: another principal's
 * state replayed, a state altered, or one issued for another tool or route. For a {@code tools/call},
 * {@code prompts/get} or {@code resources/read}:
 *
 * <ul>
 *   <li>an {@code InputRequiredResult} answering a 2026-07-28 request has its {@code requestState} sealed
 *       ({@link RequestStateSealer}) before the client sees it, bound to the token's issuer and subject, the route,
 *       the method and the digest of the parameters ({@link ParamsDigest});</li>
 *   <li>a message carrying {@code params.requestState} (of any method) is forwarded only when that state opens
 *       under the same binding before its expiry, with the upstream's original state in its place; anything else
 *       is refused with {@code 400} and a JSON-RPC {@code -32602} error, and the upstream receives nothing. A batch
 *       never carries a request state (batches predate multi round-trip requests).</li>
 * </ul>
 *
 * Requests that carry no state keep their exact bytes; a retry's body is written anew with the original state.
 */
final class RequestStateFilter implements GatewayFilter {

    /** JSON-RPC 2.0 §5.1 Invalid params: what MCP servers answer for a state that fails verification. */
    static final int INVALID_PARAMS = -32602;

    private static final Set<String> MRTR_METHODS =
            Set.of(InspectedMessage.TOOLS_CALL, InspectedMessage.PROMPTS_GET, InspectedMessage.RESOURCES_READ);
    private static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

    private final RouteConfig route;
    private final SealerSource sealers;
    private final ErrorResponseWriter errors;

    RequestStateFilter(RouteConfig route, SealerSource sealers, ErrorResponseWriter errors) {
        this.route = route;
        this.sealers = sealers;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        List<InspectedMessage> messages = McpCallInfo.messages(exchange);
        if (exchange.getRequest().getMethod() != HttpMethod.POST
                || messages.stream().noneMatch(RequestStateFilter::needsSealer)) {
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody())
                .map(DataBufferBytes::drain)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> sealers.get()
                        .map(Optional::of)
                        .onErrorResume(unreadable -> Mono.just(Optional.empty()))
                        .flatMap(sealer -> sealer.isPresent()
                                ? decide(exchange, chain, body, sealer.get())
                                : errors.write(exchange, McpErrors.sessionStoreUnavailable())));
    }

    /**
     * Whether the message presents a state to open, whatever its method or kind (a state the gateway did not open
     * never reaches an upstream, which may read it on a notification or another method too), or may be answered with
     * one to seal: a multi round-trip request claiming 2026-07-28 or later. Every other message is forwarded as it
     * is, without the body being read again or the sealing key being fetched.
     */
    private static boolean needsSealer(InspectedMessage message) {
        return message.carriesRequestState()
                || message.kind() == InspectedMessage.Kind.REQUEST
                        && MRTR_METHODS.contains(message.method())
                        && message.isModern();
    }

    private Mono<Void> decide(
            ServerWebExchange exchange, GatewayFilterChain chain, byte[] body, RequestStateSealer sealer) {
        JsonNode root = Json.STRICT.readTree(new String(body, StandardCharsets.UTF_8));
        if (McpCallInfo.isBatch(exchange)) {
            for (JsonNode element : root) {
                if (element.path("params").has(ParamsDigest.REQUEST_STATE)) {
                    return refuse(exchange, "a JSON-RPC batch cannot carry a requestState");
                }
            }
            return chain.filter(exchange);
        }
        JsonNode params = root.path("params");
        String method = root.path("method").stringValue();
        RequestBinding binding = binding(exchange, method, params);
        ServerWebExchange forwarded = exchange;
        JsonNode presented = params.get(ParamsDigest.REQUEST_STATE);
        if (presented != null) {
            if (!presented.isString()) {
                return refuse(exchange, "the requestState must be a string");
            }
            RequestStateSealer.Opened opened = sealer.open(presented.stringValue(), binding);
            if (opened.state().isEmpty()) {
                return refuse(
                        exchange,
                        opened.refusal().orElse(RequestStateSealer.Refusal.NOT_GENUINE)
                                        == RequestStateSealer.Refusal.EXPIRED
                                ? "the requestState has expired; send the request again without it"
                                : "the requestState was not issued for this request, principal and route");
            }
            ((ObjectNode) params).put(ParamsDigest.REQUEST_STATE, opened.state().get());
            forwarded = withBody(exchange, Json.STRICT.writeValueAsBytes(root));
        }
        if (isModern(params)) {
            SealingResponseFilter.sealAnswer(exchange, new SealingRewrite(sealer, binding));
        }
        return chain.filter(forwarded);
    }

    /** Whether the request names revision 2026-07-28 or later in its {@code _meta}: only those get sealed answers. */
    private static boolean isModern(JsonNode params) {
        String version = params.path("_meta").path(PROTOCOL_VERSION).stringValue(null);
        return version != null && ProtocolVersions.isModern(version);
    }

    private RequestBinding binding(ServerWebExchange exchange, String method, JsonNode params) {
        @Nullable TokenPrincipal principal = ExchangePrincipal.of(exchange).orElse(null);
        return new RequestBinding(
                principal == null ? "" : principal.issuer(),
                principal == null ? "" : principal.subject(),
                principal != null && principal.clientSubject(),
                route.id(),
                method,
                ParamsDigest.of(params));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String reason) {
        return errors.write(
                exchange,
                GatewayError.jsonRpc(
                        HttpStatus.BAD_REQUEST,
                        INVALID_PARAMS,
                        "Invalid params: " + reason,
                        Map.of("error", "invalid_request_state")));
    }

    private static ServerWebExchange withBody(ServerWebExchange exchange, byte[] body) {
        ServerHttpRequest request = exchange.getRequest();
        boolean sized = request.getHeaders().getContentLength() >= 0;
        ServerHttpRequest resized = sized
                ? request.mutate()
                        .headers(headers -> headers.setContentLength(body.length))
                        .build()
                : request;
        return ForwardedBody.replace(exchange, resized, body);
    }
}
