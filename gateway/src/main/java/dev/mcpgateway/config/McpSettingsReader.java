package dev.mcpgateway.config;

import dev.mcpgateway.config.RouteConfig.DenyAs;
import dev.mcpgateway.config.RouteConfig.Transport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code routes.yaml} keys of MCP-aware authorization: {@code routes[].transport},
 * {@code routes[].protocol-eras},
 * {@code routes[].scopes.tools}, {@code routes[].scopes.methods}, {@code routes[].deny-as},
 * {@code gateway.max-request-bytes}, {@code gateway.session-store} and {@code gateway.session-ttl}.
 */
final class McpSettingsReader {

    static final String WILDCARD_TOOL = "*";
    private static final long MIN_REQUEST_BYTES = 1024;
    private static final long MAX_REQUEST_BYTES = 256L * 1024 * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KiB|MiB)?");

    private McpSettingsReader() {}

    static Transport transport(ConfigNode node) {
        return node.text()
                .map(text -> switch (text) {
                    case "streamable-http" -> Transport.STREAMABLE_HTTP;
                    case "sse" -> Transport.SSE;
                    default -> {
                        node.problem("'" + text + "' is not supported; use streamable-http or sse");
                        yield Transport.STREAMABLE_HTTP;
                    }
                })
                .orElse(Transport.STREAMABLE_HTTP);
    }

    /** {@code routes[].protocol-eras}: {@code both} (default) or {@code modern-only}, which needs Streamable HTTP. */
    static RouteConfig.Eras eras(ConfigNode node, Transport transport) {
        RouteConfig.Eras eras = node.text()
                .map(text -> switch (text) {
                    case "both" -> RouteConfig.Eras.BOTH;
                    case "modern-only" -> RouteConfig.Eras.MODERN_ONLY;
                    default -> {
                        node.problem("'" + text + "' is not supported; use both or modern-only");
                        yield RouteConfig.Eras.BOTH;
                    }
                })
                .orElse(RouteConfig.Eras.BOTH);
        if (eras == RouteConfig.Eras.MODERN_ONLY && transport == Transport.SSE) {
            node.problem("modern-only needs transport streamable-http (HTTP+SSE is a 2024-11-05 transport)");
        }
        return eras;
    }

    static DenyAs denyAs(ConfigNode node, Transport transport) {
        DenyAs denyAs = node.text()
                .map(text -> switch (text) {
                    case "challenge" -> DenyAs.CHALLENGE;
                    case "jsonrpc-error" -> DenyAs.JSONRPC_ERROR;
                    default -> {
                        node.problem("'" + text + "' is not supported; use challenge or jsonrpc-error");
                        yield DenyAs.CHALLENGE;
                    }
                })
                .orElse(DenyAs.CHALLENGE);
        if (denyAs == DenyAs.JSONRPC_ERROR && transport == Transport.SSE) {
            node.problem(
                    "jsonrpc-error needs transport streamable-http (legacy SSE clients read answers only from the stream)");
        }
        return denyAs;
    }

    /**
     * {@code scopes.tools} (tool name, or {@code *} for any other tool, to scopes) or {@code scopes.methods}
     * (JSON-RPC method to scopes). An empty list means the baseline scopes suffice.
     */
    static Map<String, List<String>> scopeMap(ConfigNode node, boolean tools) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (!node.isPresent()) {
            return map;
        }
        node.entries().forEach((name, scopes) -> {
            if (name.isBlank()) {
                scopes.problem("must not be empty");
            } else if (!tools && name.contains(WILDCARD_TOOL)) {
                scopes.problem("wildcards are supported only in scopes.tools; name each method");
            } else if (scopes.isPresent()) {
                map.put(
                        name,
                        scopes.items().stream()
                                .map(item -> item.as(ConfigValues::scope))
                                .flatMap(Optional::stream)
                                .toList());
            } else {
                scopes.problem("must be a list of scopes ([] when the baseline scopes suffice)");
            }
        });
        if (map.isEmpty() && node.isMapping()) {
            node.problem(
                    tools
                            ? "must name at least one tool (or \"*\" for any other tool)"
                            : "must name at least one method");
        }
        return map;
    }

    static long maxRequestBytes(ConfigNode node) {
        return node.text()
                .flatMap(text -> {
                    Matcher size = SIZE.matcher(text.trim());
                    if (!size.matches()) {
                        node.problem("'" + text + "' is not a size (bytes, or a number with KiB or MiB)");
                        return Optional.empty();
                    }
                    long bytes = Long.parseLong(size.group(1))
                            * switch (size.group(2) == null ? "B" : size.group(2)) {
                                case "KiB" -> 1024L;
                                case "MiB" -> 1024L * 1024;
                                default -> 1L;
                            };
                    if (bytes < MIN_REQUEST_BYTES || bytes > MAX_REQUEST_BYTES) {
                        node.problem("must be between 1KiB and 256MiB");
                        return Optional.empty();
                    }
                    return Optional.of(bytes);
                })
                .orElse(GatewayConfig.DEFAULT_MAX_REQUEST_BYTES);
    }

    static SessionStoreConfig sessionStore(ConfigNode store, ConfigNode ttlNode) {
        RedisUri redis = store.text()
                .filter(text -> !text.trim().equals("memory"))
                .flatMap(text -> store.as(RedisUri::parse))
                .orElse(null);
        Duration ttl = ttlNode.as(Durations::parse).orElse(SessionStoreConfig.DEFAULT_TTL);
        if (ttl.isZero() || ttl.isNegative()) {
            ttlNode.problem("must be a positive duration");
            ttl = SessionStoreConfig.DEFAULT_TTL;
        }
        return new SessionStoreConfig(redis, ttl);
    }
}
