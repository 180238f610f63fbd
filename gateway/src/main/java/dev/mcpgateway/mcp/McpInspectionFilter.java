package dev.mcpgateway.mcp;

import dev.mcpgateway.PipelineOrder;
import dev.mcpgateway.authz.ErrorResponseWriter;
import dev.mcpgateway.config.ExchangeRoutes;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 8, MCP inspection. A POST body is read up to {@code gateway.max-request-bytes}
 * ({@code 413} beyond, without ever holding more), parsed as JSON-RPC, checked against the
 * 2026-07-28 {@code Mcp-Method}/{@code Mcp-Name} headers, and published through {@link McpCallInfo}
 * and {@link JsonRpcExchange}. The exact bytes received are then forwarded, from a body that can be
 * subscribed again (a retry resends the same bytes). GET and DELETE carry no body and pass.
 */
public final class McpInspectionFilter implements GlobalFilter, Ordered {

    static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    /** MCP 2025-06-18 removed JSON-RPC batching. */
    private static final String FIRST_VERSION_WITHOUT_BATCHES = "2025-06-18";

    private static final Pattern DATE_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final ErrorResponseWriter errors;

    public McpInspectionFilter(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (ExchangeRoutes.route(exchange).isEmpty() || request.getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        long maxBytes = ExchangeRoutes.config(exchange).maxRequestBytes();
        if (request.getHeaders().getContentLength() > maxBytes) {
            return errors.write(exchange, McpErrors.tooLarge(maxBytes));
        }
        return DataBufferUtils.join(request.getBody(), Math.toIntExact(maxBytes))
                .map(DataBufferBytes::drain)
                .defaultIfEmpty(new byte[0])
                .map(Optional::of)
                .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(Optional.empty()))
                .flatMap(body -> body.isPresent()
                        ? inspect(exchange, chain, body.get())
                        : errors.write(exchange, McpErrors.tooLarge(maxBytes)));
    }

    private Mono<Void> inspect(ServerWebExchange exchange, GatewayFilterChain chain, byte[] body) {
        JsonRpcInspector.Inspection inspection;
        try {
            inspection = JsonRpcInspector.inspect(body);
        } catch (JsonRpcViolation violation) {
            return errors.write(exchange, McpErrors.malformed(violation));
        }
        if (!inspection.batch()) {
            JsonRpcExchange.setRequestId(exchange, inspection.messages().get(0).id());
        }
        McpCallInfo.record(exchange, inspection.messages(), inspection.batch());
        ServerHttpRequest request = exchange.getRequest();
        Optional<String> mismatch = McpHeaderRules.violation(
                request.getHeaders().getFirst(McpHeaderRules.MCP_METHOD),
                request.getHeaders().getFirst(McpHeaderRules.MCP_NAME),
                inspection);
        if (mismatch.isPresent()) {
            return errors.write(exchange, McpErrors.headerMismatch(mismatch.get()));
        }
        String version = request.getHeaders().getFirst(PROTOCOL_VERSION);
        if (inspection.batch()
                && version != null
                && DATE_VERSION.matcher(version).matches()
                && version.compareTo(FIRST_VERSION_WITHOUT_BATCHES) >= 0) {
            return errors.write(exchange, McpErrors.batchNotAllowed(version));
        }
        ServerHttpRequest forwarded = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(
                        () -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        return chain.filter(exchange.mutate().request(forwarded).build());
    }

    @Override
    public int getOrder() {
        return PipelineOrder.MCP_INSPECTION;
    }
}
