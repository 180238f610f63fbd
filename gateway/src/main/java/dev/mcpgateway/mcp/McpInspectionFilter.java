package dev.mcpgateway.mcp;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.DataBufferBytes;
import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.EventLoopTimers;
import dev.mcpgateway.web.ForwardedBody;
import dev.mcpgateway.web.GatewayError;
import dev.mcpgateway.web.JsonRpcExchange;
import dev.mcpgateway.web.McpEra;
import dev.mcpgateway.web.McpHeaders;
import dev.mcpgateway.web.StreamExchange;
import io.netty.channel.ChannelException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Pipeline step 8, MCP inspection. A POST body is read up to {@code gateway.max-request-bytes}
 * ({@code 413} beyond, without ever holding more), parsed as JSON-RPC, its protocol era decided from the body
 * ({@link McpEraRules}: a modern request's headers are checked per SEP-2243, a legacy one's present headers only),
 * and published through {@link McpCallInfo}, {@link JsonRpcExchange}, {@link McpEra} and, for a
 * {@code subscriptions/listen}, {@link StreamExchange}. The exact bytes received are then forwarded, from a body that can be
 * subscribed again (a retry resends the same bytes). GET and DELETE carry no body and pass.
 */
public final class McpInspectionFilter implements GatewayFilter {

    private final long maxBytes;
    private final ErrorResponseWriter errors;
    private final Duration bodyTimeout;
    private final RouteConfig route;
    private final ParamHeaderCatalog params;

    /**
     * @param maxBytes    the largest body read ({@code gateway.max-request-bytes})
     * @param bodyTimeout the longest a client may take to send a body ({@code gateway.server.request-body-timeout})
     * @param params      the {@code x-mcp-header} declarations learned for the route
     */
    McpInspectionFilter(
            long maxBytes,
            ErrorResponseWriter errors,
            Duration bodyTimeout,
            RouteConfig route,
            ParamHeaderCatalog params) {
        this.maxBytes = maxBytes;
        this.errors = errors;
        this.bodyTimeout = bodyTimeout;
        this.route = route;
        this.params = params;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        if (request.getHeaders().getContentLength() > maxBytes) {
            return errors.write(exchange, McpErrors.tooLarge(maxBytes));
        }
        return DataBufferUtils.join(request.getBody(), Math.toIntExact(maxBytes))
                // Not timeout(Duration): that one names its source for the exception message on every subscription,
                // a regular expression over operator class names per request; and its timer runs on another thread.
                .timeout(
                        EventLoopTimers.delay(exchange, bodyTimeout),
                        Mono.error(
                                () -> new TimeoutException("No request body within " + bodyTimeout.toMillis() + " ms")))
                .map(buffer -> (Body) new Body.Read(DataBufferBytes.drain(buffer)))
                .defaultIfEmpty(new Body.Read(new byte[0]))
                .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(Body.TOO_LARGE))
                .onErrorResume(McpInspectionFilter::clientTookTooLong, slow -> Mono.just(Body.TOO_SLOW))
                .onErrorResume(McpInspectionFilter::bodyBrokeOff, broken -> Mono.just(Body.BROKE_OFF))
                .flatMap(body -> {
                    if (alreadyAnswered(exchange)) {
                        // Reactor Netty answered a request it could not decode (400) and closed: nothing left to say.
                        return Mono.empty();
                    }
                    if (body instanceof Body.Read read) {
                        return inspect(exchange, chain, read.bytes());
                    }
                    if (body == Body.TOO_LARGE) {
                        return errors.write(exchange, McpErrors.tooLarge(maxBytes));
                    }
                    if (body == Body.TOO_SLOW) {
                        exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
                        return errors.write(exchange, McpErrors.bodyTimeout(bodyTimeout));
                    }
                    return Mono.empty();
                });
    }

    /** Whether the HTTP codec has already answered this request itself (a body it could not decode). */
    private static boolean alreadyAnswered(ServerWebExchange exchange) {
        try {
            return ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse())
                            instanceof HttpServerResponse netty
                    && netty.hasSentHeaders();
        } catch (IllegalArgumentException notOnReactorNetty) {
            return false;
        }
    }

    /** What reading a request body gave: its bytes, or why there are none. */
    private sealed interface Body {
        Refused TOO_LARGE = new Refused();
        Refused TOO_SLOW = new Refused();
        Refused BROKE_OFF = new Refused();

        /** The whole body. */
        record Read(byte[] bytes) implements Body {}

        /** No body: over the size limit, too slow, or broken off. */
        final class Refused implements Body {}
    }

    /** The body did not arrive in time, in all or between two reads: the client's fault, {@code 408} (RFC 9110 §15.5.9). */
    private static boolean clientTookTooLong(Throwable error) {
        return error instanceof TimeoutException
                || error instanceof ReadTimeoutException
                || error instanceof ChannelException && "Request timed out".equals(error.getMessage());
    }

    /**
     * The body broke off: the client went away, or sent chunked framing the HTTP codec could not decode. Reactor
     * Netty has already answered a decoding failure ({@code 400}) and closed the connection, so there is nothing
     * left to say; answering again would only log an error per hostile request.
     */
    private static boolean bodyBrokeOff(Throwable error) {
        return error instanceof DecoderException || error instanceof AbortedException;
    }

    /**
     * A batch is legacy traffic (MCP 2025-03-26 and earlier): refused when it holds a modern message, when the
     * negotiated revision removed batching, on a {@code modern-only} route, or when its headers contradict it.
     */
    private Optional<GatewayError> batchRefusal(HttpHeaders headers, JsonRpcInspector.Inspection inspection) {
        if (inspection.messages().stream()
                .anyMatch(m -> m.isModern() || m.envelope().malformed())) {
            return Optional.of(McpErrors.modernBatch());
        }
        String version = headers.getFirst(McpHeaders.PROTOCOL_VERSION);
        if (route.eras() == RouteConfig.Eras.MODERN_ONLY) {
            return Optional.of(McpErrors.legacyRefused(version == null ? "2025-03-26" : version.strip()));
        }
        Optional<String> mismatch = McpHeaderRules.violation(
                headers.getFirst(McpHeaders.METHOD), headers.getFirst(McpHeaders.NAME), inspection);
        if (mismatch.isPresent()) {
            return Optional.of(McpErrors.headerMismatch(mismatch.get()));
        }
        if (version != null && version.strip().compareTo(ProtocolVersions.FIRST_WITHOUT_BATCHES) >= 0) {
            return Optional.of(McpErrors.batchNotAllowed(version));
        }
        return Optional.empty();
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
        Optional<GatewayError> refusal = inspection.batch()
                ? batchRefusal(request.getHeaders(), inspection)
                : McpEraRules.refusal(
                        route, request.getHeaders(), inspection.messages().get(0), params);
        if (refusal.isPresent()) {
            return errors.write(exchange, refusal.get());
        }
        if (!inspection.batch() && inspection.messages().get(0).isModern()) {
            McpEra.set(exchange, McpEra.MODERN);
            if (InspectedMessage.SUBSCRIPTIONS_LISTEN.equals(
                    inspection.messages().get(0).method())) {
                StreamExchange.markStream(exchange);
            }
        } else {
            McpEra.set(exchange, McpEra.LEGACY);
        }
        return chain.filter(ForwardedBody.replace(exchange, request, body));
    }
}
