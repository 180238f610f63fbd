package dev.mcpgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code routes[].scopes.implies}, {@code .resources}, {@code .prompts}, and {@code gateway.request-state}. */
class ScopesAndRequestStateConfigTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String SERVERS = """
            gateway:
              public-base-url: https://mcp.example.com
              authorization-servers:
                corp: { issuer: https://auth.example.com }
            """;
    private static final String ROUTE = """
              - id: r
                path: /r/mcp
                upstream: http://r.internal/mcp
                authorization-servers: [corp]
            """;

    private final RoutesFileParser parser = new RoutesFileParser(name -> name.equals("STATE_KEY") ? KEY : null);

    private GatewayConfig parse(String gatewayExtra, String routeExtra) {
        return parser.parse("routes.yaml", SERVERS + gatewayExtra + "routes:\n" + ROUTE + routeExtra);
    }

    @Test
    void scopeMapsAndTheTransitiveHierarchyAreRead() {
        RouteConfig route = parse("", """
                            scopes:
                              required: [mcp:access]
                              implies:
                                github:admin: [github:write]
                                github:write: [github:read, github:triage]
                              resources:
                                "repo://public/*": []
                                "*": [github:read]
                              prompts:
                                triage: [github:triage]
                        """).routes().get(0);

        assertThat(route.resourceScopes())
                .containsExactly(Map.entry("repo://public/*", List.of()), Map.entry("*", List.of("github:read")));
        assertThat(route.promptScopes()).containsExactly(Map.entry("triage", List.of("github:triage")));
        assertThat(route.scopeHierarchy().implied())
                .containsEntry("github:admin", Set.of("github:write", "github:read", "github:triage"))
                .containsEntry("github:write", Set.of("github:read", "github:triage"));
        assertThat(parse("", "").routes().get(0).scopeHierarchy()).isEqualTo(ScopeHierarchy.NONE);
    }

    @Test
    void requestStateKeyAndTtlAreRead() {
        RequestStateConfig settings = parse("  request-state: { key: \"${STATE_KEY}\", ttl: 2m }\n", "")
                .requestState();

        assertThat(settings.key()).hasSize(32);
        assertThat(settings.ttl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.toString()).doesNotContain(KEY);
        assertThat(parse("", "").requestState()).isEqualTo(RequestStateConfig.DEFAULTS);
        assertThat(parse("  request-state: { key: \"${UNSET_KEY:}\" }\n", "")
                        .requestState()
                        .key())
                .as("an unset placeholder: a key is generated")
                .isNull();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        "",
                        "    scopes: { required: [offline_access] }\n",
                        "routes[0].scopes.required[0]: 'offline_access' asks for a refresh token"),
                Arguments.of(
                        "",
                        "    scopes: { tools: { echo: [offline_access] } }\n",
                        "routes[0].scopes.tools.echo[0]: 'offline_access' asks for a refresh token"),
                Arguments.of(
                        "",
                        "    scopes: { resources: { \"*\": [offline_access] } }\n",
                        "routes[0].scopes.resources.*[0]: 'offline_access' asks for a refresh token"),
                Arguments.of(
                        "", "    scopes: { prompts: {} }\n", "routes[0].scopes.prompts: must name at least one prompt"),
                Arguments.of(
                        "",
                        "    scopes: { resources: { \"repo://*\": read } }\n",
                        "routes[0].scopes.resources.repo://*: must be a list"),
                Arguments.of(
                        "",
                        "    scopes: { implies: { admin: [] } }\n",
                        "routes[0].scopes.implies.admin: must list the scopes 'admin' implies"),
                Arguments.of(
                        "",
                        "    scopes: { implies: { admin: [\"a b\"] } }\n",
                        "routes[0].scopes.implies.admin[0]: 'a b' is not a valid scope"),
                Arguments.of(
                        "", "    scopes: { implies: {} }\n", "routes[0].scopes.implies: must name at least one scope"),
                Arguments.of(
                        "  request-state: { key: c2hvcnQ= }\n",
                        "",
                        "gateway.request-state.key: must be 32 bytes of Base64 (AES-256), not 5"),
                Arguments.of(
                        "  request-state: { key: \"not base64!\" }\n", "", "gateway.request-state.key: is not Base64"),
                Arguments.of(
                        "  request-state: { ttl: 25h }\n",
                        "",
                        "gateway.request-state.ttl: must be a positive duration of at most 24h"),
                Arguments.of(
                        "  request-state: { secret: x }\n",
                        "",
                        "gateway.request-state.secret: unknown key (allowed here: key, ttl)"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidKeysAreReportedAtTheirPath(String gatewayExtra, String routeExtra, String message) {
        assertThatThrownBy(() -> parse(gatewayExtra, routeExtra))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aBadKeyIsNeverRepeatedInTheMessage() {
        String almost = Base64.getEncoder().encodeToString(new byte[31]);

        assertThatThrownBy(() -> parse("  request-state: { key: " + almost + " }\n", ""))
                .hasMessageNotContaining(almost);
    }
}
