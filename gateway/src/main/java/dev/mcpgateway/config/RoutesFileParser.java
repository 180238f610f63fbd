package dev.mcpgateway.config;

import dev.mcpgateway.config.ConfigException.ConfigProblem;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Turns the text of {@code routes.yaml} (DESIGN.md §4) into a validated {@link GatewayConfig}.
 * Every problem is reported with its key path; nothing invalid ever reaches the request path.
 */
public final class RoutesFileParser {

    private static final Set<String> ROOT_KEYS = Set.of("gateway", "routes");
    private static final String LEGACY_METADATA_KEY = "legacy-authorization-server-metadata";
    private static final Set<String> GATEWAY_KEYS = Set.of(
            "public-base-url",
            "allowed-origins",
            "authorization-servers",
            "rate-limit-store",
            "rate-limit-on-store-failure",
            "unauthenticated-rate-limit",
            "trusted-proxies",
            "max-request-bytes",
            "session-store",
            "session-ttl",
            "request-state",
            LEGACY_METADATA_KEY);
    private static final Set<String> SERVER_KEYS = withOptionKeys("issuer", "jwks-uri");
    private static final Set<String> ROUTE_KEYS = Set.of(
            "id",
            "name",
            "path",
            "upstream",
            "transport",
            "protocol-eras",
            "authorization-servers",
            "audiences",
            "scopes",
            "timeouts",
            "upstream-headers",
            "tenant-claim",
            "rate-limit",
            "deny-as",
            "resilience",
            "streams",
            "audit");
    private static final Set<String> TIMEOUT_KEYS = Set.of("connect", "first-byte");
    /**
     * Fields the gateway or its HTTP client sets, or that would change how the upstream frames or decodes the body
     * the gateway inspected (a configured {@code Content-Type} charset or {@code Content-Encoding} would let it read
     * another message; {@code Upgrade}, {@code TE}, {@code Expect} and the other hop-by-hop fields describe the
     * connection, RFC 9110 §7.6.1). Identity headers (checked apart) come from the validated token only.
     */
    private static final Set<String> RESERVED_UPSTREAM_HEADERS = Set.of(
            "accept-encoding",
            "host",
            "content-length",
            "content-encoding",
            "content-type",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "upgrade",
            "expect");
    /** The MCP transport's own fields (Mcp-Session-Id, MCP-Protocol-Version, Mcp-Method, Mcp-Name, Mcp-Param-*). */
    private static final String MCP_TRANSPORT_PREFIX = "mcp-";

    private final UnaryOperator<String> environment;

    public RoutesFileParser(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** Parses with the process environment for {@code ${ENV}} placeholders. */
    public static RoutesFileParser withSystemEnvironment() {
        return new RoutesFileParser(System::getenv);
    }

    /**
     * @param source a name for messages (usually the file path)
     * @throws ConfigException listing every problem, each with its key path
     */
    public GatewayConfig parse(String source, String yamlText) {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigNode root = new ConfigNode("", load(source, yamlText), problems, new Placeholders(environment));
        if (!root.isPresent()) {
            root.problem("the file is empty; it needs 'gateway' and 'routes'");
            throw new ConfigException(source, problems);
        }
        root.isMapping();
        root.allowOnly(ROOT_KEYS);
        GatewayConfig config = readGateway(root, problems);
        if (config == null || !problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return config;
    }

    private static Object load(String source, String yamlText) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null
                    ? ""
                    : " at line " + (e.getProblemMark().getLine() + 1) + ", column "
                            + (e.getProblemMark().getColumn() + 1);
            throw new ConfigException(
                    source, List.of(new ConfigProblem("(yaml)", "not valid YAML" + where + ": " + e.getProblem())));
        } catch (YAMLException e) {
            throw new ConfigException(
                    source, List.of(new ConfigProblem("(yaml)", "not valid YAML: " + e.getMessage())));
        }
    }

    private @Nullable GatewayConfig readGateway(ConfigNode root, List<ConfigProblem> problems) {
        ConfigNode gateway = root.get("gateway");
        if (!gateway.isPresent()) {
            gateway.problem("is required");
        }
        gateway.isMapping();
        gateway.allowOnly(GATEWAY_KEYS);
        URI publicBaseUrl = gateway.get("public-base-url")
                .required(ConfigValues::canonicalBaseUrl)
                .orElse(null);
        Set<String> origins = new LinkedHashSet<>();
        gateway.get("allowed-origins")
                .items()
                .forEach(item -> item.as(ConfigValues::origin).ifPresent(origins::add));
        Map<String, AuthorizationServerConfig> servers = readAuthorizationServers(gateway.get("authorization-servers"));
        GatewayRateLimits rateLimits = RateLimitConfigReader.gateway(gateway);
        List<Cidr> trustedProxies = RateLimitConfigReader.trustedProxies(gateway.get("trusted-proxies"));
        String legacyMetadataServer = readLegacyMetadataServer(gateway.get(LEGACY_METADATA_KEY), servers);
        List<RouteConfig> routes = readRoutes(root.get("routes"), publicBaseUrl, servers);
        long maxRequestBytes = McpSettingsReader.maxRequestBytes(gateway.get("max-request-bytes"));
        SessionStoreConfig sessionStore =
                McpSettingsReader.sessionStore(gateway.get("session-store"), gateway.get("session-ttl"));
        RequestStateConfig requestState = McpSettingsReader.requestState(gateway.get("request-state"));
        if (publicBaseUrl == null || !problems.isEmpty()) {
            return null;
        }
        return new GatewayConfig(
                publicBaseUrl,
                origins,
                servers,
                routes,
                rateLimits,
                trustedProxies,
                maxRequestBytes,
                sessionStore,
                legacyMetadataServer,
                requestState);
    }

    private Map<String, AuthorizationServerConfig> readAuthorizationServers(ConfigNode node) {
        Map<String, AuthorizationServerConfig> servers = new LinkedHashMap<>();
        if (!node.isPresent()) {
            node.problem("is required: name at least one authorization server");
            return servers;
        }
        node.entries().forEach((name, server) -> {
            server.isMapping();
            server.allowOnly(SERVER_KEYS);
            Optional<String> issuer = server.get("issuer").required(ConfigValues::issuer);
            URI jwksUri = server.get("jwks-uri").as(ConfigValues::httpUrl).orElse(null);
            AuthorizationServerOptions options = AuthorizationServerOptions.read(server);
            issuer.ifPresent(iss -> servers.put(
                    name,
                    new AuthorizationServerConfig(
                            name,
                            iss,
                            jwksUri,
                            options.introspection(),
                            options.tokenFormat(),
                            options.claims(),
                            options.maxTokenLifetime())));
        });
        if (servers.isEmpty() && node.isPresent()) {
            node.problem("must name at least one authorization server");
        }
        return servers;
    }

    private List<RouteConfig> readRoutes(
            ConfigNode node, @Nullable URI publicBaseUrl, Map<String, AuthorizationServerConfig> servers) {
        List<RouteConfig> routes = new ArrayList<>();
        List<ConfigNode> items = node.items();
        if (items.isEmpty()) {
            node.problem("is required: list at least one route");
        }
        Map<String, String> pathsSeen = new HashMap<>();
        Map<String, String> idsSeen = new HashMap<>();
        Map<String, ConfigNode> legacyMessagePaths = new LinkedHashMap<>();
        for (ConfigNode route : items) {
            route.isMapping();
            route.allowOnly(ROUTE_KEYS);
            Optional<String> id = route.get("id").required(ConfigValues::routeId);
            Optional<String> path = route.get("path").required(ConfigValues::routePath);
            id.ifPresent(value -> rememberUnique(idsSeen, value, route.get("id"), "route id"));
            path.ifPresent(value -> rememberUnique(pathsSeen, value, route.get("path"), "route path"));
            Optional<URI> upstream = route.get("upstream").required(ConfigValues::httpUrl);
            RouteConfig.Transport transport = McpSettingsReader.transport(route.get("transport"));
            if (transport == RouteConfig.Transport.SSE) {
                path.ifPresent(
                        value -> legacyMessagePaths.put(value + RouteConfig.LEGACY_MESSAGE_SUFFIX, route.get("path")));
            }
            RouteConfig.Eras eras = McpSettingsReader.eras(route.get("protocol-eras"), transport);
            List<String> serverNames = readServerNames(route.get("authorization-servers"), servers);
            Set<String> audiences = new LinkedHashSet<>(route.get("audiences").texts());
            ScopesReader.Scopes scopes = ScopesReader.read(route.get("scopes"));
            RouteConfig.DenyAs denyAs = McpSettingsReader.denyAs(route.get("deny-as"), transport);
            TimeoutsConfig timeouts = readTimeouts(route.get("timeouts"));
            Map<String, String> headers = readUpstreamHeaders(route.get("upstream-headers"));
            String tenantClaim = RateLimitConfigReader.tenantClaim(route.get("tenant-claim"));
            RouteRateLimits rateLimit = RateLimitConfigReader.route(route.get("rate-limit"));
            ResilienceConfig resilience = RouteResilienceReader.resilience(route.get("resilience"));
            StreamsConfig streams = RouteResilienceReader.streams(route.get("streams"));
            boolean auditArgumentNames = RouteResilienceReader.auditArgumentNames(route.get("audit"));
            if (id.isPresent() && path.isPresent() && upstream.isPresent() && publicBaseUrl != null) {
                String name = route.get("name").text().orElse(id.get());
                routes.add(new RouteConfig(
                        id.get(),
                        name,
                        path.get(),
                        publicBaseUrl + path.get(),
                        upstream.get(),
                        serverNames,
                        audiences,
                        scopes.required(),
                        timeouts,
                        headers,
                        tenantClaim,
                        rateLimit,
                        transport,
                        eras,
                        scopes.tools(),
                        scopes.methods(),
                        denyAs,
                        resilience,
                        streams,
                        scopes.resources(),
                        scopes.prompts(),
                        scopes.hierarchy(),
                        auditArgumentNames));
            }
        }
        legacyMessagePaths.forEach((messagePath, pathNode) -> {
            if (pathsSeen.containsKey(messagePath)) {
                pathNode.problem("its legacy message endpoint '" + messagePath + "' is the path of another route ("
                        + pathsSeen.get(messagePath) + ")");
            }
        });
        return routes;
    }

    private static Set<String> withOptionKeys(String... keys) {
        Set<String> all = new LinkedHashSet<>(List.of(keys));
        all.addAll(AuthorizationServerOptions.KEYS);
        return Set.copyOf(all);
    }

    /** MCP 2025-03-26 clients look for authorization-server metadata at the MCP server's origin. */
    private static @Nullable String readLegacyMetadataServer(
            ConfigNode node, Map<String, AuthorizationServerConfig> servers) {
        String name = node.isPresent() ? node.requiredText().orElse(null) : null;
        if (name != null && !servers.containsKey(name)) {
            node.problem("unknown authorization server '" + name + "' (defined: " + String.join(", ", servers.keySet())
                    + ")");
            return null;
        }
        return name;
    }

    private static void rememberUnique(Map<String, String> seen, String value, ConfigNode node, String what) {
        String previous = seen.putIfAbsent(value, node.path());
        if (previous != null) {
            node.problem("duplicate " + what + " '" + value + "' (already used at " + previous + ")");
        }
    }

    private static List<String> readServerNames(ConfigNode node, Map<String, AuthorizationServerConfig> servers) {
        if (!node.isPresent()) {
            node.problem("is required: name the authorization servers whose tokens this route accepts");
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (ConfigNode item : node.items()) {
            item.requiredText().ifPresent(name -> {
                if (!servers.containsKey(name)) {
                    item.problem("unknown authorization server '" + name + "' (defined: "
                            + String.join(", ", servers.keySet()) + ")");
                } else if (!names.contains(name)) {
                    names.add(name);
                }
            });
        }
        if (names.isEmpty() && node.isPresent()) {
            node.problem("must name at least one authorization server");
        }
        return names;
    }

    private static TimeoutsConfig readTimeouts(ConfigNode node) {
        node.isMapping();
        node.allowOnly(TIMEOUT_KEYS);
        Duration connect = positive(node.get("connect")).orElse(TimeoutsConfig.DEFAULTS.connect());
        Duration firstByte = positive(node.get("first-byte")).orElse(TimeoutsConfig.DEFAULTS.firstByte());
        return new TimeoutsConfig(connect, firstByte);
    }

    private static Optional<Duration> positive(ConfigNode node) {
        Optional<Duration> duration = node.as(Durations::parse);
        if (duration.isPresent() && (duration.get().isZero() || duration.get().isNegative())) {
            node.problem("must be a positive duration");
            return Optional.empty();
        }
        return duration;
    }

    private static Map<String, String> readUpstreamHeaders(ConfigNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        node.entries().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESERVED_UPSTREAM_HEADERS.contains(lower)
                    || IdentityHeaders.LOWER_CASE.contains(lower)
                    || lower.startsWith(MCP_TRANSPORT_PREFIX)) {
                value.problem("'" + name + "' is set by the gateway and cannot be configured");
                return;
            }
            try {
                ConfigValues.headerName(name);
            } catch (IllegalArgumentException e) {
                value.problem(e);
                return;
            }
            value.requiredText().ifPresent(text -> headers.put(name, text));
        });
        return headers;
    }
}
