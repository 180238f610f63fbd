package dev.mcpgateway.config;

import dev.mcpgateway.config.IntrospectionConfig.ClientAuthentication;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The optional keys of {@code gateway.authorization-servers.<name>} beyond {@code issuer} and {@code jwks-uri}:
 * introspection (RFC 7662), the token format, the claim mapping and the token lifetime limit. Read and
 * cross-checked here so that {@link RoutesFileParser} stays a map of the file.
 *
 * @param introspection    {@code null} when the server has no introspection endpoint configured
 * @param tokenFormat      {@code auto} by default when introspection is configured, else {@code jwt}
 * @param claims           the claim mapping; absent keys keep the defaults
 * @param maxTokenLifetime {@code null} for no limit
 */
record AuthorizationServerOptions(
        @Nullable IntrospectionConfig introspection,
        TokenFormat tokenFormat,
        ClaimMapping claims,
        @Nullable Duration maxTokenLifetime) {

    static final Set<String> KEYS = Set.of(
            "introspection",
            "token-format",
            "scope-claim",
            "client-id-claim",
            "audience-claim",
            "subject-claim",
            "max-token-lifetime");
    private static final Set<String> INTROSPECTION_KEYS =
            Set.of("uri", "client-id", "client-secret", "client-auth", "timeout", "cache-ttl");

    /** Reads the options of one server; every problem is recorded on {@code server} with its key path. */
    static AuthorizationServerOptions read(ConfigNode server) {
        IntrospectionConfig introspection = readIntrospection(server.get("introspection"));
        TokenFormat format = readTokenFormat(
                server.get("token-format"), server.get("introspection").isPresent(), introspection);
        ClaimMapping claims = new ClaimMapping(
                claimName(server.get("scope-claim")),
                claimName(server.get("client-id-claim")),
                claimName(server.get("audience-claim")),
                claimName(server.get("subject-claim")));
        Duration maxLifetime = duration(server.get("max-token-lifetime"), false).orElse(null);
        return new AuthorizationServerOptions(introspection, format, claims, maxLifetime);
    }

    private static @Nullable IntrospectionConfig readIntrospection(ConfigNode node) {
        if (!node.isPresent() || !node.isMapping()) {
            return null;
        }
        node.allowOnly(INTROSPECTION_KEYS);
        Optional<URI> uri = node.get("uri").required(ConfigValues::httpUrl);
        Optional<String> clientId = node.get("client-id").requiredText();
        Optional<String> clientSecret = node.get("client-secret").requiredText();
        ClientAuthentication clientAuth = node.get("client-auth")
                .as(AuthorizationServerOptions::clientAuthentication)
                .orElse(ClientAuthentication.BASIC);
        Duration timeout = duration(node.get("timeout"), false).orElse(IntrospectionConfig.DEFAULT_TIMEOUT);
        Duration cacheTtl = duration(node.get("cache-ttl"), true).orElse(IntrospectionConfig.DEFAULT_CACHE_TTL);
        if (uri.isEmpty() || clientId.isEmpty() || clientSecret.isEmpty()) {
            return null;
        }
        return new IntrospectionConfig(uri.get(), clientId.get(), clientSecret.get(), clientAuth, timeout, cacheTtl);
    }

    /** An invalid introspection block is reported where it is; only a missing one is blamed on the format. */
    private static TokenFormat readTokenFormat(
            ConfigNode node, boolean introspectionPresent, @Nullable IntrospectionConfig introspection) {
        Optional<TokenFormat> configured = node.as(AuthorizationServerOptions::tokenFormat);
        TokenFormat format = configured.orElse(introspectionPresent ? TokenFormat.AUTO : TokenFormat.JWT);
        if (configured.isPresent() && format.introspects() && !introspectionPresent) {
            node.problem(
                    "'" + name(format) + "' needs introspection (set introspection.uri, client-id and client-secret)");
        }
        if (configured.isPresent() && !format.introspects() && introspection != null) {
            node.problem("'jwt' never uses the configured introspection endpoint; use 'auto' or 'opaque', or remove"
                    + " introspection");
        }
        return format;
    }

    private static @Nullable String claimName(ConfigNode node) {
        return node.isPresent() ? node.requiredText().orElse(null) : null;
    }

    private static Optional<Duration> duration(ConfigNode node, boolean zeroAllowed) {
        Optional<Duration> duration = node.as(Durations::parse);
        if (duration.isPresent()
                && (duration.get().isNegative()
                        || !zeroAllowed && duration.get().isZero())) {
            node.problem(zeroAllowed ? "must not be negative" : "must be a positive duration");
            return Optional.empty();
        }
        return duration;
    }

    private static ClientAuthentication clientAuthentication(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "basic" -> ClientAuthentication.BASIC;
            case "post" -> ClientAuthentication.POST;
            default -> throw new IllegalArgumentException("'" + text + "' is not supported; use basic or post");
        };
    }

    private static TokenFormat tokenFormat(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "jwt" -> TokenFormat.JWT;
            case "opaque" -> TokenFormat.OPAQUE;
            case "auto" -> TokenFormat.AUTO;
            default ->
                throw new IllegalArgumentException("'" + text + "' is not a token format; use jwt, opaque or auto");
        };
    }

    private static String name(TokenFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }
}
