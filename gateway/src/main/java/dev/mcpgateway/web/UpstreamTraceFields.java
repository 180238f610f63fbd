package dev.mcpgateway.web;

import java.util.Map;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace context fields ({@code traceparent}, {@code tracestate}) the upstream request carries instead of the
 * client's when tracing is on: recorded when the request's span starts, written by the step that builds the upstream
 * request. Kept beside the request rather than in a mutated copy of it, which a step before authentication would
 * make of every field, the client's {@code Authorization} among them, and keep for the exchange's life.
 */
public final class UpstreamTraceFields {

    private static final String ATTRIBUTE = UpstreamTraceFields.class.getName();

    private UpstreamTraceFields() {}

    /** Records the fields for the upstream request of {@code exchange}. */
    public static void record(ServerWebExchange exchange, Map<String, String> fields) {
        exchange.getAttributes().put(ATTRIBUTE, Map.copyOf(fields));
    }

    /** The fields recorded for {@code exchange}; empty when tracing is off. */
    public static Map<String, String> of(ServerWebExchange exchange) {
        Map<String, String> fields = exchange.getAttribute(ATTRIBUTE);
        return fields == null ? Map.of() : fields;
    }
}
