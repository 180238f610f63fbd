package dev.mcpgateway.web;

import org.springframework.web.server.ServerWebExchange;

/**
 * The protocol era of one request (MCP 2026-07-28 basic, "Versioning"): modern requests carry their revision in
 * {@code params._meta} and are served statelessly; legacy ones belong to a session opened by {@code initialize}. A
 * route may carry both at once, so the era is decided per request: by the body once MCP inspection has read it, and
 * until then (or for a body never read) by the {@code MCP-Protocol-Version} header, which modern clients send on
 * every request. Errors the gateway answers follow the era's rules.
 */
public enum McpEra {
    LEGACY,
    MODERN;

    private static final String ATTRIBUTE = McpEra.class.getName();

    /** Records the era the body claims. */
    public static void set(ServerWebExchange exchange, McpEra era) {
        exchange.getAttributes().put(ATTRIBUTE, era);
    }

    /** The era of the request: what its body claimed, else what its {@code MCP-Protocol-Version} header names. */
    public static McpEra of(ServerWebExchange exchange) {
        McpEra decided = exchange.getAttribute(ATTRIBUTE);
        if (decided != null) {
            return decided;
        }
        String version = exchange.getRequest().getHeaders().getFirst(McpHeaders.PROTOCOL_VERSION);
        return version != null && version.strip().compareTo(McpHeaders.FIRST_MODERN_REVISION) >= 0 ? MODERN : LEGACY;
    }
}
