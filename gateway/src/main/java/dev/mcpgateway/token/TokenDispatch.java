package dev.mcpgateway.token;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.TokenFormat;
import java.util.List;

/**
 * Where a route sends a bearer token, decided from its shape alone, with no I/O. There is no "try every validator"
 * loop: a JWT goes to exactly one place.
 *
 * <ul>
 *   <li>A JWT whose {@code iss} is a server the route trusts with {@code token-format: opaque} is introspected at
 *       that server only.</li>
 *   <li>Any other JWT is verified locally ({@link AccessTokenVerifier}), which picks the keys by {@code iss} and
 *       refuses an issuer the route does not trust before any network call.</li>
 *   <li>An opaque token carries no issuer, so it goes to the route's servers that introspect ({@code opaque} or
 *       {@code auto}), in the route's order; a route without one refuses it as malformed.</li>
 * </ul>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2">RFC 7662 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 */
final class TokenDispatch {

    private TokenDispatch() {}

    /** The outcome: verify as a JWT, introspect at these servers in order, or refuse. */
    sealed interface Decision permits VerifyJwt, Introspect, Reject {}

    /** Verify locally as a signed JWT (RFC 9068 §4). */
    record VerifyJwt() implements Decision {}

    /** @param servers in the route's order, never empty */
    record Introspect(List<AuthorizationServerConfig> servers) implements Decision {

        public Introspect {
            servers = List.copyOf(servers);
        }
    }

    /** Refuse without any I/O, for the given reason. */
    record Reject(TokenRejection rejection) implements Decision {}

    /** @param routeServers the route's trusted servers, in its configured order */
    static Decision decide(TokenShape shape, List<AuthorizationServerConfig> routeServers) {
        if (shape.jwt()) {
            return routeServers.stream()
                    .filter(server -> server.issuer().equals(shape.issuer()))
                    .filter(server -> server.tokenFormat() == TokenFormat.OPAQUE && server.introspection() != null)
                    .findFirst()
                    .<Decision>map(server -> new Introspect(List.of(server)))
                    .orElseGet(VerifyJwt::new);
        }
        List<AuthorizationServerConfig> introspecting = routeServers.stream()
                .filter(server -> server.tokenFormat().introspects() && server.introspection() != null)
                .toList();
        return introspecting.isEmpty() ? new Reject(TokenRejection.MALFORMED) : new Introspect(introspecting);
    }
}
