package dev.mcpgateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.ScopeHierarchy;
import dev.mcpgateway.mcp.InspectedMessage;
import dev.mcpgateway.mcp.InspectedMessage.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * MCP 2026-07-28 step-up as a pure policy: scope hierarchies, per-name scopes of {@code prompts/get} and
 * {@code resources/read}, and one decision naming every scope an operation needs.
 */
class ScopedPrimitivesPolicyTest {

    private static final ScopeHierarchy HIERARCHY = ScopeHierarchy.closureOf(ordered(
            "github:admin", List.of("github:write"),
            "github:write", List.of("github:read")));
    private static final ToolPolicy POLICY = new ToolPolicy(
            List.of("mcp:access"),
            ordered("create_issue", List.of("github:write"), "*", List.of("github:read")),
            Map.of(),
            ordered("triage", List.of("github:write"), "*", List.of()),
            ordered(
                    "repo://public/*", List.of(),
                    "repo://*", List.of("github:read"),
                    "repo://private/keys", List.of("github:admin"),
                    "repo://private/*/secrets", List.of("github:write")),
            HIERARCHY);

    private static Map<String, List<String>> ordered(Object... entries) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> scopes = (List<String>) entries[i + 1];
            map.put((String) entries[i], scopes);
        }
        return map;
    }

    private static InspectedMessage request(String method, String name) {
        return new InspectedMessage(Kind.REQUEST, 1L, method, name);
    }

    private static ToolDecision decide(String granted, InspectedMessage... messages) {
        return POLICY.decide(Set.of(granted.split(" ")), List.of(messages));
    }

    @Test
    void impliedScopesAreTransitiveAndOnlyWidenWhatATokenSatisfies() {
        assertThat(HIERARCHY.expand(Set.of("github:admin")))
                .containsExactlyInAnyOrder("github:admin", "github:write", "github:read");
        assertThat(HIERARCHY.expand(Set.of("github:read"))).containsExactly("github:read");
        assertThat(decide("mcp:access github:admin", request(InspectedMessage.TOOLS_CALL, "create_issue")))
                .isEqualTo(ToolDecision.ALLOW);
        assertThat(decide("mcp:access github:admin", request(InspectedMessage.TOOLS_CALL, "list_repos")))
                .isEqualTo(ToolDecision.ALLOW);
        assertThat(decide("mcp:access github:read", request(InspectedMessage.TOOLS_CALL, "create_issue")))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "github:write")));
    }

    @Test
    void aCycleOfImplicationsMakesScopesEquivalentWithoutLooping() {
        ScopeHierarchy cycle = ScopeHierarchy.closureOf(ordered("a", List.of("b"), "b", List.of("a")));

        assertThat(cycle.covers(Set.of("a"), List.of("b"))).isTrue();
        assertThat(cycle.covers(Set.of("b"), List.of("a"))).isTrue();
        assertThat(cycle.covers(Set.of("b"), List.of("c"))).isFalse();
    }

    @Test
    void promptsStepUpByNameAndLookalikesOfAGuardedPromptAreRefused() {
        assertThat(decide("mcp:access", request(InspectedMessage.PROMPTS_GET, "summary")))
                .isEqualTo(ToolDecision.ALLOW);
        assertThat(decide("mcp:access", request(InspectedMessage.PROMPTS_GET, "triage")))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "github:write")));
        assertThat(decide("mcp:access github:admin", request(InspectedMessage.PROMPTS_GET, "triage")))
                .isEqualTo(ToolDecision.ALLOW);
        assertThat(decide("mcp:access github:write", request(InspectedMessage.PROMPTS_GET, "TRIAGE ")))
                .isEqualTo(new ToolDecision.NotPermitted("TRIAGE "));
    }

    @Test
    void resourcesStepUpByTheMostSpecificMatchingPattern() {
        assertThat(decide("mcp:access", request(InspectedMessage.RESOURCES_READ, "repo://public/readme")))
                .isEqualTo(ToolDecision.ALLOW);
        assertThat(decide("mcp:access", request(InspectedMessage.RESOURCES_READ, "repo://acme/web")))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "github:read")));
        assertThat(decide("mcp:access github:write", request(InspectedMessage.RESOURCES_READ, "repo://private/keys")))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "github:admin")));
        assertThat(decide(
                        "mcp:access github:read", request(InspectedMessage.RESOURCES_READ, "repo://private/x/secrets")))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "github:write")));
    }

    @Test
    void resourceUrisMatchingNoEntryOrResolvingAmbiguouslyAreRefused() {
        for (String uri : List.of(
                "file:///etc/passwd",
                "repo://public/../private/keys",
                "repo://public/./x",
                "repo://public/%2E%2E/private/keys",
                "repo://public/a%2Fb",
                "repo://public\\x",
                "repo://public/ x")) {
            assertThat(decide("mcp:access github:admin", request(InspectedMessage.RESOURCES_READ, uri)))
                    .as(uri)
                    .isEqualTo(new ToolDecision.NotPermitted(uri));
        }
    }

    @Test
    void aBatchNeedsTheScopesOfEveryElementInOneDecision() {
        assertThat(decide(
                        "profile",
                        request(InspectedMessage.TOOLS_CALL, "create_issue"),
                        request(InspectedMessage.RESOURCES_READ, "repo://private/keys"),
                        request(InspectedMessage.PROMPTS_GET, "summary")))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "github:write", "github:admin")));
    }

    @Test
    void listsShowWhatTheCallerMayUse() {
        Set<String> reader = Set.of("mcp:access", "github:read");

        assertThat(POLICY.mayGet(reader, "summary")).isTrue();
        assertThat(POLICY.mayGet(reader, "triage")).isFalse();
        assertThat(POLICY.mayRead(reader, "repo://acme/web")).isTrue();
        assertThat(POLICY.mayRead(reader, "repo://private/keys")).isFalse();
        assertThat(POLICY.mayRead(reader, "repo://public/{name}"))
                .as("a template read as a URI")
                .isTrue();
        assertThat(POLICY.mayRead(Set.of("mcp:access"), "repo://{owner}/{repo}"))
                .isFalse();
    }

    @Test
    void globStarsMatchAnyRunOfCharacters() {
        assertThat(ResourcePatterns.matches("repo://*/secrets", "repo://a/b/secrets"))
                .isTrue();
        assertThat(ResourcePatterns.matches("repo://*/secrets", "repo://a/secrets/x"))
                .isFalse();
        assertThat(ResourcePatterns.matches("*", "")).isTrue();
        assertThat(ResourcePatterns.matches("a*b*c", "aXbYbc")).isTrue();
        assertThat(ResourcePatterns.matches("a*b*c", "aXcY")).isFalse();
    }
}
