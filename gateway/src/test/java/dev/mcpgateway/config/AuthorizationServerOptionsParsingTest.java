package dev.mcpgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.support.RoutesSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden and key-path tests for the authorization-server options: introspection, token format, claim mapping,
 * token lifetime, and the legacy metadata mirror.
 */
class AuthorizationServerOptionsParsingTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("INTROSPECTION_SECRET", "from-env");
    private final RoutesFileParser parser = new RoutesFileParser(ENVIRONMENT::get);

    @Test
    void everyOptionNormalizesToTheGoldenDump() {
        GatewayConfig config =
                parser.parse("authorization-server-options.yaml", resource("authorization-server-options.yaml"));

        assertThat(dump(config)).isEqualTo(resource("authorization-server-options.golden"));
        assertThat(config.authorizationServer("keycloak").introspection().clientSecret())
                .isEqualTo("from-env");
        assertThat(config.authorizationServer("zitadel").introspection().clientSecret())
                .isEqualTo("local-secret");
    }

    @Test
    void introspectionSecretIsNeverPrinted() {
        GatewayConfig config =
                parser.parse("authorization-server-options.yaml", resource("authorization-server-options.yaml"));

        assertThat(config.toString())
                .doesNotContain("from-env")
                .doesNotContain("local-secret")
                .contains("(hidden)");
    }

    @Test
    void serverWithoutOptionsKeepsTheJwtDefaults() {
        GatewayConfig config = parser.parse("routes.yaml", RoutesSchema.valid(SERVERS.replace("%s", "") + ROUTE));

        AuthorizationServerConfig corp = config.authorizationServer("corp");
        assertThat(corp.tokenFormat()).isEqualTo(TokenFormat.JWT);
        assertThat(corp.introspection()).isNull();
        assertThat(corp.claims()).isEqualTo(ClaimMapping.DEFAULTS);
        assertThat(corp.maxTokenLifetime()).isNull();
        assertThat(config.legacyAuthorizationServerMetadata()).isNull();
    }

    private static final String SERVERS = """
            gateway:
              public-base-url: https://mcp.example.com
              authorization-servers:
                corp:
                  issuer: https://auth.example.com
            %s""";
    private static final String ROUTE = """
            routes:
              - id: r
                path: /r/mcp
                upstream: http://r.internal/mcp
                authorization-servers: [corp]
            """;
    private static final String INTROSPECTION = """
                  introspection:
                    uri: https://auth.example.com/introspect
                    client-id: gw
                    client-secret: s
            """;

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of(
                        "      token-format: opaque\n",
                        "gateway.authorization-servers.corp.token-format: 'opaque' needs introspection (set"
                                + " introspection.uri, client-id and client-secret)"),
                Arguments.of(
                        "      token-format: auto\n",
                        "gateway.authorization-servers.corp.token-format: 'auto' needs introspection"),
                Arguments.of(
                        "      token-format: jwt\n" + INTROSPECTION,
                        "gateway.authorization-servers.corp.token-format: 'jwt' never uses the configured introspection endpoint"),
                Arguments.of(
                        "      token-format: paseto\n",
                        "gateway.authorization-servers.corp.token-format: 'paseto' is not a token format; use jwt, opaque or auto"),
                Arguments.of(
                        INTROSPECTION.replace("        client-secret: s\n", ""),
                        "gateway.authorization-servers.corp.introspection.client-secret: is required"),
                Arguments.of(
                        INTROSPECTION.replace("https://auth.example.com/introspect", "/introspect"),
                        "gateway.authorization-servers.corp.introspection.uri: '/introspect' must be an absolute http:// or https:// URL"),
                Arguments.of(
                        INTROSPECTION + "        client-auth: private_key_jwt\n",
                        "gateway.authorization-servers.corp.introspection.client-auth: 'private_key_jwt' is not supported; use basic or post"),
                Arguments.of(
                        INTROSPECTION + "        timeout: 0s\n",
                        "gateway.authorization-servers.corp.introspection.timeout: must be a positive duration"),
                Arguments.of(
                        INTROSPECTION + "        cache-ttl: PT-1S\n",
                        "gateway.authorization-servers.corp.introspection.cache-ttl: must not be negative"),
                Arguments.of(
                        INTROSPECTION + "        cache: 1m\n",
                        "gateway.authorization-servers.corp.introspection.cache: unknown key (allowed here:"
                                + " cache-ttl, client-auth, client-id, client-secret, timeout, uri)"),
                Arguments.of(
                        INTROSPECTION.replace("client-secret: s", "client-secret: ${UNSET_SECRET}"),
                        "gateway.authorization-servers.corp.introspection.client-secret: environment"
                                + " variable UNSET_SECRET is not set and has no default"),
                Arguments.of(
                        "      introspection: https://auth.example.com/introspect\n",
                        "gateway.authorization-servers.corp.introspection: must be a mapping of keys to values"),
                Arguments.of(
                        "      max-token-lifetime: 0s\n",
                        "gateway.authorization-servers.corp.max-token-lifetime: must be a positive duration"),
                Arguments.of(
                        "      max-token-lifetime: soon\n",
                        "gateway.authorization-servers.corp.max-token-lifetime: 'soon' is not a duration"),
                Arguments.of(
                        "      scope-claim: \"\"\n",
                        "gateway.authorization-servers.corp.scope-claim: must not be empty"),
                Arguments.of(
                        "      audience-claim: [a, b]\n",
                        "gateway.authorization-servers.corp.audience-claim: must be a single value, not a list"),
                Arguments.of(
                        "      scope_claim: scp\n",
                        "gateway.authorization-servers.corp.scope_claim: unknown key (allowed here: audience-claim, client-id-claim,"
                                + " introspection, issuer, jwks-uri, max-token-lifetime, scope-claim, subject-claim, token-format)"),
                Arguments.of(
                        "  legacy-authorization-server-metadata: corpp\n",
                        "gateway.legacy-authorization-server-metadata: unknown authorization server 'corpp' (defined: corp)"));
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void brokenOptionIsRejectedWithItsKeyPath(String options, String expectedProblem) {
        String yaml = options.startsWith("  legacy")
                ? SERVERS.formatted("").replace("  authorization-servers:", options + "  authorization-servers:")
                        + ROUTE
                : SERVERS.formatted(options) + ROUTE;
        assertThatThrownBy(() -> parser.parse("routes.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(expectedProblem);
    }

    private static String dump(GatewayConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("legacy-authorization-server-metadata: ")
                .append(config.legacyAuthorizationServerMetadata())
                .append('\n');
        new TreeMap<>(config.authorizationServers()).values().forEach(server -> {
            out.append("authorization-server ")
                    .append(server.name())
                    .append(": issuer=")
                    .append(server.issuer())
                    .append(" token-format=")
                    .append(server.tokenFormat())
                    .append('\n');
            IntrospectionConfig introspection = server.introspection();
            out.append("  introspection=")
                    .append(
                            introspection == null
                                    ? "none"
                                    : introspection.uri() + " client-id="
                                            + introspection.clientId() + " client-auth=" + introspection.clientAuth()
                                            + " timeout="
                                            + introspection.timeout() + " cache-ttl=" + introspection.cacheTtl())
                    .append('\n');
            ClaimMapping claims = server.claims();
            out.append("  claims: scope=")
                    .append(orDefault(claims.scopeClaim()))
                    .append(" client-id=")
                    .append(orDefault(claims.clientIdClaim()))
                    .append(" audience=")
                    .append(orDefault(claims.audienceClaim()))
                    .append(" subject=")
                    .append(orDefault(claims.subjectClaim()))
                    .append(" max-token-lifetime=")
                    .append(server.maxTokenLifetime() == null ? "(none)" : server.maxTokenLifetime())
                    .append('\n');
        });
        config.routes()
                .forEach(route -> out.append("route ")
                        .append(route.id())
                        .append(": authorization-servers=")
                        .append(route.authorizationServers())
                        .append('\n'));
        return out.toString();
    }

    private static String orDefault(String claim) {
        return claim == null ? "(default)" : claim;
    }

    private static String resource(String name) {
        try (var in = AuthorizationServerOptionsParsingTest.class.getResourceAsStream("/config/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
