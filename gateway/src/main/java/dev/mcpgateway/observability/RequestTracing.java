package dev.mcpgateway.observability;

import dev.mcpgateway.web.UpstreamTraceFields;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * One server span per MCP request, when tracing is on ({@code gateway.tracing.enabled}): its parent is read from the
 * client's W3C {@code traceparent} (and {@code tracestate}), and the upstream receives a {@code traceparent} naming
 * the gateway's span, so the upstream's spans join the client's trace. When tracing is off the gateway creates
 * nothing and the client's {@code traceparent} reaches the upstream unchanged.
 *
 * <p>Attributes follow the OpenTelemetry semantic conventions for MCP: {@code mcp.method.name},
 * {@code gen_ai.tool.name} (bounded like the metric tag: a tool of the route's tool map, or {@code other}),
 * {@code mcp.session.id}, {@code http.response.status_code}, {@code error.type} for refusals and failures; and the
 * gateway's own {@code mcp_gateway.route}, {@code mcp_gateway.outcome}, {@code mcp_gateway.reason}. Never the token,
 * never tool arguments.
 *
 * @see <a href="https://opentelemetry.io/docs/specs/semconv/gen-ai/mcp/">OpenTelemetry semantic conventions for MCP</a>
 * @see <a href="https://www.w3.org/TR/trace-context/">W3C Trace Context</a>
 */
final class RequestTracing {

    private final @Nullable Tracer tracer;
    private final @Nullable Propagator propagator;

    /** Tracing off. */
    RequestTracing() {
        this(null, null);
    }

    RequestTracing(@Nullable Tracer tracer, @Nullable Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Starts the request's span and records its context for the upstream request ({@link UpstreamTraceFields}); nothing
     * when tracing is off. The request itself is left as it is: a mutated copy would copy every field, the client's
     * token among them, before authentication could drop it.
     */
    void start(ServerWebExchange exchange, DecisionRecorder.Decision decision) {
        if (tracer == null || propagator == null) {
            return;
        }
        HttpHeaders incoming = exchange.getRequest().getHeaders();
        io.micrometer.tracing.Span span = propagator
                .extract(incoming, HttpHeaders::getFirst)
                .kind(io.micrometer.tracing.Span.Kind.SERVER)
                .name("mcp")
                .start();
        decision.span(new Span(span));
        Map<String, String> fields = new LinkedHashMap<>();
        propagator.inject(span.context(), fields, (carrier, key, value) -> {
            if (carrier != null) {
                carrier.put(key, value);
            }
        });
        UpstreamTraceFields.record(exchange, fields);
    }

    /** The span of one request. */
    static final class Span {

        private final io.micrometer.tracing.Span span;

        Span(io.micrometer.tracing.Span span) {
            this.span = span;
        }

        void end(ServerWebExchange exchange, String method, String tool, Outcome outcome, String routeId, int status) {
            span.name(
                    RouteMeters.NONE.equals(method)
                            ? exchange.getRequest().getMethod().name()
                            : method);
            if (!RouteMeters.NONE.equals(method)) {
                span.tag("mcp.method.name", method);
            }
            if (!RouteMeters.NONE.equals(tool)) {
                span.tag("gen_ai.tool.name", tool);
            }
            String session = exchange.getRequest().getHeaders().getFirst(dev.mcpgateway.web.McpHeaders.SESSION_ID);
            if (session != null) {
                span.tag("mcp.session.id", session);
            }
            span.tag("http.response.status_code", status);
            span.tag("mcp_gateway.route", routeId);
            span.tag("mcp_gateway.outcome", outcome.outcome());
            span.tag("mcp_gateway.reason", outcome.reason());
            if (!"allow".equals(outcome.decision())) {
                span.tag("error.type", outcome.reason());
            }
            span.end();
        }
    }
}
