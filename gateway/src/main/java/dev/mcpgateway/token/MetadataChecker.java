package dev.mcpgateway.token;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.ConfigException.ConfigProblem;
import dev.mcpgateway.config.GatewayConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks every configured authorization server's metadata (RFC 8414 §3, then OpenID Connect Discovery, probed in the
 * order MCP clients use, path issuers included), all servers at once within one time limit.
 *
 * <ul>
 *   <li>A document whose {@code issuer} is not exactly the configured issuer is a configuration error naming the
 *       routes that trust the server and both values: RFC 8414 §3.3 forbids using it, and MCP clients following
 *       the protected-resource metadata would refuse it too.</li>
 *   <li>A document without {@code S256} in {@code code_challenge_methods_supported} is logged prominently and shown
 *       in health, because MCP clients MUST refuse such a server (MCP 2025-11-25 authorization, "Authorization Code
 *       Protection"); the gateway itself keeps working.</li>
 *   <li>No document, or no answer in time, is tolerated: many deployments configure {@code jwks-uri} and never
 *       publish metadata to the gateway's network; keys are still discovered lazily when needed.</li>
 * </ul>
 */
final class MetadataChecker {

    private static final Logger log = LoggerFactory.getLogger(MetadataChecker.class);
    static final String NO_S256 = "code_challenge_methods_supported does not list S256: MCP clients must refuse this"
            + " authorization server";

    private final IssuerMetadataDiscovery discovery;
    private final Duration timeLimit;

    MetadataChecker(IssuerMetadataDiscovery discovery, Duration timeLimit) {
        this.discovery = discovery;
        this.timeLimit = timeLimit;
    }

    /** The status of every server of {@code config}, by name; completes within the time limit. */
    Mono<Map<String, MetadataStatus>> check(GatewayConfig config) {
        return Flux.fromIterable(config.authorizationServers().values())
                .flatMap(this::check)
                .collect(Collectors.toMap(MetadataStatus::serverName, Function.identity()));
    }

    /** The configuration errors among {@code statuses}, each naming the key, the routes and both issuers. */
    static List<ConfigProblem> problems(GatewayConfig config, Map<String, MetadataStatus> statuses) {
        List<ConfigProblem> problems = new ArrayList<>();
        config.authorizationServers().keySet().stream()
                .sorted()
                .map(statuses::get)
                .filter(status -> status != null && status.state() == MetadataStatus.State.ISSUER_MISMATCH)
                .forEach(status -> problems.add(new ConfigProblem(
                        "gateway.authorization-servers." + status.serverName() + ".issuer",
                        "the authorization server metadata at "
                                + status.foundMetadata().location()
                                + " declares issuer '" + status.foundMetadata().declaredIssuer()
                                + "' but the configured issuer is '"
                                + status.issuer() + "'; they must be identical (RFC 8414 §3.3); used by route(s): "
                                + routes(config, status.serverName()))));
        return problems;
    }

    /** Logs what operators must know: a prominent warning per server without S256, a note for missing metadata. */
    static void report(GatewayConfig config, Map<String, MetadataStatus> statuses) {
        statuses.values().forEach(status -> {
            if (status.warnings().contains(NO_S256)) {
                log.warn(
                        """

                        ************************************************************************************
                        Authorization server '{}' ({}) does not list S256 in code_challenge_methods_supported
                        of its metadata ({}). MCP clients MUST refuse to use it (MCP authorization, "Authorization
                        Code Protection"). Route(s) affected: {}. Fix the authorization server's PKCE settings.
                        ************************************************************************************""",
                        status.serverName(),
                        status.issuer(),
                        status.foundMetadata().location(),
                        routes(config, status.serverName()));
            } else if (status.state() == MetadataStatus.State.NOT_FOUND
                    || status.state() == MetadataStatus.State.UNREACHABLE) {
                log.info(
                        "No metadata for authorization server '{}' ({}): {}; tokens are still validated{}",
                        status.serverName(),
                        status.issuer(),
                        status.state() == MetadataStatus.State.NOT_FOUND
                                ? "no document at its well-known locations"
                                : "its well-known locations did not answer",
                        config.authorizationServer(status.serverName()).jwksUri() != null
                                ? " with the configured jwks-uri"
                                : ", and its jwks_uri is looked up again on first use");
            }
        });
    }

    private Mono<MetadataStatus> check(AuthorizationServerConfig server) {
        return discovery
                .metadata(server.issuer())
                .map(metadata -> status(server, metadata))
                .defaultIfEmpty(new MetadataStatus(
                        server.name(), server.issuer(), MetadataStatus.State.NOT_FOUND, null, List.of()))
                .timeout(timeLimit)
                .onErrorResume(error -> Mono.just(new MetadataStatus(
                        server.name(), server.issuer(), MetadataStatus.State.UNREACHABLE, null, List.of())));
    }

    private static MetadataStatus status(AuthorizationServerConfig server, AuthorizationServerMetadata metadata) {
        if (!server.issuer().equals(metadata.declaredIssuer())) {
            return new MetadataStatus(
                    server.name(), server.issuer(), MetadataStatus.State.ISSUER_MISMATCH, metadata, List.of());
        }
        return new MetadataStatus(
                server.name(),
                server.issuer(),
                MetadataStatus.State.VALID,
                metadata,
                metadata.supportsS256() ? List.of() : List.of(NO_S256));
    }

    private static String routes(GatewayConfig config, String serverName) {
        List<String> routes = config.routesTrusting(serverName);
        return routes.isEmpty() ? "(none)" : String.join(", ", routes);
    }
}
