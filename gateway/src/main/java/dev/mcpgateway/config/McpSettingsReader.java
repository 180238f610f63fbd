package dev.mcpgateway.config;

import dev.mcpgateway.config.RouteConfig.DenyAs;
import dev.mcpgateway.config.RouteConfig.Transport;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code routes.yaml} keys of MCP-aware authorization: {@code routes[].transport},
 * {@code routes[].protocol-eras}, {@code routes[].deny-as}, {@code gateway.max-request-bytes},
 * {@code gateway.session-store}, {@code gateway.session-ttl} and {@code gateway.request-state}.
 */
final class McpSettingsReader {

    private static final long MIN_REQUEST_BYTES = 1024;
    private static final long MAX_REQUEST_BYTES = 256L * 1024 * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KiB|MiB)?");

    static final Set<String> REQUEST_STATE_KEYS = Set.of("key", "ttl");
    private static final Duration MAX_REQUEST_STATE_TTL = Duration.ofHours(24);

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

    /**
     * {@code gateway.request-state}: {@code key} (32 bytes, standard or URL-safe Base64, usually a {@code ${ENV}}
     * placeholder; empty, as an unset {@code ${NAME:}} gives, means none: a key is generated) and {@code ttl}.
     * Messages never repeat the key.
     */
    static RequestStateConfig requestState(ConfigNode node) {
        node.isMapping();
        node.allowOnly(REQUEST_STATE_KEYS);
        ConfigNode keyNode = node.get("key");
        byte[] key = keyNode.text()
                .filter(text -> !text.isBlank())
                .flatMap(text -> stateKey(keyNode, text))
                .orElse(null);
        ConfigNode ttlNode = node.get("ttl");
        Duration ttl = ttlNode.as(Durations::parse).orElse(RequestStateConfig.DEFAULT_TTL);
        if (ttl.isZero() || ttl.isNegative() || ttl.compareTo(MAX_REQUEST_STATE_TTL) > 0) {
            ttlNode.problem("must be a positive duration of at most 24h (a sealed request state should expire soon)");
            ttl = RequestStateConfig.DEFAULT_TTL;
        }
        return new RequestStateConfig(key, ttl);
    }

    private static Optional<byte[]> stateKey(ConfigNode node, String text) {
        String trimmed = text.trim();
        byte[] key;
        try {
            key = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            node.problem("is not Base64 (generate a key with: openssl rand -base64 32)");
            return Optional.empty();
        }
        if (key.length != RequestStateConfig.KEY_BYTES) {
            node.problem("must be " + RequestStateConfig.KEY_BYTES + " bytes of Base64 (AES-256), not " + key.length
                    + " (generate a key with: openssl rand -base64 32)");
            return Optional.empty();
        }
        return Optional.of(key);
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
