package dev.mcpgateway.mcp;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.ErrorResponseWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * The MCP steps of a route's pipeline, built once per route when {@code routes.yaml} loads: transport rules, session
 * binding (Streamable HTTP's {@code Mcp-Session-Id}, or a legacy route's {@code sessionId}; pipeline step 6), MCP
 * inspection (step 8), and on legacy HTTP+SSE routes the rewrite of the stream's {@code endpoint} event.
 */
public final class McpSteps {

    private final Supplier<SessionStore> stores;
    private final ErrorResponseWriter errors;
    private final Duration bodyTimeout;
    /** Per route id; kept across reloads, since the upstream behind an id keeps its tools. */
    private final Map<String, ParamHeaderCatalog> catalogs = new ConcurrentHashMap<>();

    McpSteps(Supplier<SessionStore> stores, ErrorResponseWriter errors, Duration bodyTimeout) {
        this.stores = stores;
        this.errors = errors;
        this.bodyTimeout = bodyTimeout;
    }

    /** The request's HTTP shape for the route's transport: methods, bodies, single-valued MCP headers. */
    public GatewayFilter transportRules(RouteConfig route) {
        return new TransportRulesFilter(route, errors);
    }

    /** Sessions honoured only for the principal that created them. */
    public GatewayFilter sessionBinding(RouteConfig route) {
        return route.transport() == RouteConfig.Transport.SSE
                ? new LegacySessionFilter(route, stores, errors)
                : new SessionBindingFilter(route, stores, errors);
    }

    /** POST bodies read within bounds, parsed as JSON-RPC, their era decided and their headers checked. */
    public GatewayFilter inspection(GatewayConfig config, RouteConfig route) {
        return new McpInspectionFilter(config.maxRequestBytes(), errors, bodyTimeout, route, catalog(route));
    }

    /**
     * The tools' {@code x-mcp-header} declarations learned from the route's {@code tools/list} answers; empty on
     * legacy HTTP+SSE routes, whose clients never mirror arguments into headers.
     */
    public Optional<GatewayFilter> paramHeaderLearning(RouteConfig route) {
        return route.transport() == RouteConfig.Transport.SSE
                ? Optional.empty()
                : Optional.of(new ParamHeaderLearningFilter(catalog(route)));
    }

    private ParamHeaderCatalog catalog(RouteConfig route) {
        return catalogs.computeIfAbsent(route.id(), id -> new ParamHeaderCatalog());
    }

    /** A legacy stream's {@code endpoint} event bound and rewritten; empty on Streamable HTTP routes. */
    public Optional<GatewayFilter> legacyStream(RouteConfig route) {
        return route.transport() == RouteConfig.Transport.SSE
                ? Optional.of(new LegacySseStreamFilter(route, stores))
                : Optional.empty();
    }
}
