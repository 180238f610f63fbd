package dev.mcpgateway.observability;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.mcp.McpCallInfo;
import dev.mcpgateway.mcp.McpMethods;
import dev.mcpgateway.token.ExchangePrincipal;
import dev.mcpgateway.token.TenantResolver;
import dev.mcpgateway.token.TokenPrincipal;
import dev.mcpgateway.web.Refusals;
import dev.mcpgateway.web.RoutedExchange;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Records the decision on every request to an MCP route, whichever step made it: right after route resolution it
 * starts the clock and, when the response is committed (the decision is known, its headers are about to be sent),
 * writes the audit entry; when the response ends (for a stream: when it closes) it counts the request by route,
 * MCP method, tool, outcome and reason, and records latency and time to first byte. What a step decided is read
 * from the exchange: the refusal {@link dev.mcpgateway.web.ErrorResponseWriter} wrote, the principal token
 * validation recorded, what MCP inspection read. Requests to other paths (discovery, unknown paths) are not
 * recorded.
 */
public final class DecisionRecorder implements WebFilter {

    private final GatewayMetrics metrics;
    private final AuditLog audit;
    private final RequestTracing tracing;

    DecisionRecorder(GatewayMetrics metrics, AuditLog audit, RequestTracing tracing) {
        this.metrics = metrics;
        this.audit = audit;
        this.tracing = tracing;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<RouteConfig> route = RoutedExchange.route(exchange);
        if (route.isEmpty()) {
            return chain.filter(exchange);
        }
        // The gateway's own warm-up requests (warmup.GatewayWarmUp) are neither audited nor traced.
        boolean warmUp = RoutedExchange.config(exchange).isWarmUp(route.get());
        Decision decision = new Decision(exchange, route.get(), metrics.forRoute(route.get(), warmUp), warmUp);
        exchange.getResponse().beforeCommit(decision);
        if (!warmUp) {
            tracing.start(exchange, decision);
        }
        return chain.filter(exchange).doFinally(decision::finish);
    }

    /** The bounded method tag: an MCP method, {@code batch}, {@code other}, or {@code none} (no body inspected). */
    static String methodTag(ServerWebExchange exchange) {
        if (McpCallInfo.isBatch(exchange)) {
            return "batch";
        }
        Optional<String> method = McpCallInfo.method(exchange);
        if (method.isEmpty()) {
            return RouteMeters.NONE;
        }
        return McpMethods.isKnown(method.get()) ? method.get() : RouteMeters.OTHER;
    }

    /** One request's decision, from arrival to the end of its response. */
    final class Decision implements Supplier<Mono<Void>> {

        private final ServerWebExchange exchange;
        private final RouteConfig route;
        private final RouteMeters meters;
        private final long start = System.nanoTime();
        private volatile long committedAt = -1;
        private volatile boolean stream;
        /** True once the entry is written, or from the start for the gateway's own warm-up requests. */
        private volatile boolean audited;

        private volatile RequestTracing.@Nullable Span span;

        /** @param warmUp the gateway's own warm-up request: never audited */
        Decision(ServerWebExchange exchange, RouteConfig route, RouteMeters meters, boolean warmUp) {
            this.exchange = exchange;
            this.route = route;
            this.meters = meters;
            this.audited = warmUp;
        }

        void span(RequestTracing.Span span) {
            this.span = span;
        }

        /** Runs as the response is committed. */
        @Override
        public Mono<Void> get() {
            committedAt = System.nanoTime();
            MediaType type = exchange.getResponse().getHeaders().getContentType();
            if (type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
                stream = true;
                meters.streamOpened();
            }
            writeAudit(committedAt);
            return Mono.empty();
        }

        void finish(SignalType signal) {
            long end = System.nanoTime();
            if (stream) {
                meters.streamClosed();
            }
            Outcome outcome = outcome();
            String method = methodTag(exchange);
            String tool = meters.toolTag(McpCallInfo.toolName(exchange).orElse(null));
            long firstByte = committedAt;
            meters.record(method, tool, outcome, end - start, firstByte < 0 ? -1 : firstByte - start);
            if ("rate_limited".equals(outcome.outcome())) {
                meters.rateLimited(ExchangePrincipal.of(exchange)
                        .map(this::tenant)
                        .map(meters::tenantTag)
                        .orElse("none"));
            }
            writeAudit(end);
            RequestTracing.Span current = span;
            if (current != null) {
                current.end(exchange, method, tool, outcome, route.id(), status());
            }
        }

        private Outcome outcome() {
            return Refusals.of(exchange).map(Outcome::of).orElse(Outcome.ALLOWED);
        }

        private int status() {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            return status == null ? 200 : status.value();
        }

        private String tenant(TokenPrincipal principal) {
            return TenantResolver.tenant(principal, route.tenantClaim());
        }

        private void writeAudit(long at) {
            if (audited || !audit.enabled()) {
                return;
            }
            audited = true;
            Optional<TokenPrincipal> principal = ExchangePrincipal.of(exchange);
            String mcpMethod = methodTag(exchange);
            audit.write(new AuditLog.Entry(
                    Instant.now(),
                    exchange.getRequest().getId(),
                    route.id(),
                    principal.map(TokenPrincipal::subject).orElse(null),
                    principal.map(TokenPrincipal::clientId).orElse(null),
                    principal.map(this::tenant).orElse(null),
                    exchange.getRequest().getMethod().name(),
                    RouteMeters.NONE.equals(mcpMethod) ? null : mcpMethod,
                    McpCallInfo.toolName(exchange).orElse(null),
                    outcome(),
                    status(),
                    (at - start) / 1_000_000,
                    route.auditArgumentNames() && McpCallInfo.isToolCall(exchange)
                            ? McpCallInfo.argumentNames(exchange)
                            : null));
        }
    }
}
