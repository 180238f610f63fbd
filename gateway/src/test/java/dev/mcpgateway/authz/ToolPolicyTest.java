package dev.mcpgateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.mcp.InspectedMessage;
import dev.mcpgateway.mcp.InspectedMessage.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tool/method policy as a pure function: every rule, wildcards and batches included. */
class ToolPolicyTest {

    private static final List<String> BASELINE = List.of("mcp:access");
    private static final ToolPolicy TOOLS = new ToolPolicy(
            BASELINE,
            map(
                    "create_issue", List.of("github:write"),
                    "ping_tool", List.of(),
                    "*", List.of("github:read")),
            Map.of());
    private static final ToolPolicy NO_WILDCARD = new ToolPolicy(BASELINE, map("echo", List.of("mcp:tools")), Map.of());
    private static final ToolPolicy METHODS = new ToolPolicy(
            BASELINE, Map.of(), map("resources/read", List.of("files:read"), "prompts/get", List.of("prompts:read")));
    private static final ToolPolicy BOTH =
            new ToolPolicy(BASELINE, map("echo", List.of("mcp:tools")), map("tools/call", List.of("mcp:call")));
    private static final ToolPolicy NONE = new ToolPolicy(BASELINE, Map.of(), Map.of());

    @Test
    void namedToolNeedsItsScopesAndTheBaseline() {
        assertThat(TOOLS.decide(Set.of("mcp:access", "github:write"), List.of(call("create_issue"))))
                .isEqualTo(ToolDecision.ALLOW);
        assertThat(TOOLS.decide(Set.of("mcp:access", "github:read"), List.of(call("create_issue"))))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "github:write")));
        assertThat(TOOLS.decide(Set.of("github:write"), List.of(call("create_issue"))))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "github:write")));
    }

    @Test
    void namedEntryWinsOverTheWildcard() {
        assertThat(TOOLS.decide(Set.of("mcp:access", "github:write"), List.of(call("create_issue"))))
                .isEqualTo(ToolDecision.ALLOW);
        assertThat(TOOLS.decide(Set.of("mcp:access"), List.of(call("ping_tool"))))
                .isEqualTo(ToolDecision.ALLOW);
    }

    @Test
    void wildcardCoversAnyOtherTool() {
        assertThat(TOOLS.decide(Set.of("mcp:access", "github:read"), List.of(call("list_repos"))))
                .isEqualTo(ToolDecision.ALLOW);
        assertThat(TOOLS.decide(Set.of("mcp:access"), List.of(call("list_repos"))))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "github:read")));
    }

    @Test
    void toolMatchingNoEntryIsNeverAllowedWithoutAWildcard() {
        assertThat(NO_WILDCARD.decide(Set.of("mcp:access", "mcp:tools", "anything"), List.of(call("drop_db"))))
                .isEqualTo(new ToolDecision.NotPermitted("drop_db"));
    }

    @Test
    void toolNamesAreCaseSensitive() {
        assertThat(NO_WILDCARD.decide(Set.of("mcp:access", "mcp:tools"), List.of(call("Echo"))))
                .isEqualTo(new ToolDecision.NotPermitted("Echo"));
    }

    @Test
    void nameDifferingFromAGuardedToolOnlyInCaseOrSpacesIsRefusedEvenWithAWildcard() {
        ToolPolicy policy =
                new ToolPolicy(List.of("mcp:access"), Map.of("whoami", List.of("mcp:admin"), "*", List.of()), Map.of());
        for (String name : List.of("WHOAMI", "Whoami", " whoami", "whoami ", "\twhoami")) {
            assertThat(policy.decide(Set.of("mcp:access"), List.of(call(name))))
                    .as(name)
                    .isEqualTo(new ToolDecision.NotPermitted(name));
            assertThat(policy.mayCall(Set.of("mcp:access", "mcp:admin"), name))
                    .as(name)
                    .isFalse();
        }
        assertThat(policy.decide(Set.of("mcp:access"), List.of(call("whoami2"))))
                .isEqualTo(ToolDecision.ALLOW);
    }

    @Test
    void toolCallSentAsANotificationIsAuthorizedLikeARequest() {
        InspectedMessage notification = new InspectedMessage(Kind.NOTIFICATION, null, "tools/call", "drop_db");
        assertThat(NO_WILDCARD.decide(Set.of("mcp:access", "mcp:tools"), List.of(notification)))
                .isEqualTo(new ToolDecision.NotPermitted("drop_db"));
    }

    @Test
    void listedMethodsNeedTheirScopes() {
        assertThat(METHODS.decide(Set.of("mcp:access", "files:read"), List.of(message("resources/read"))))
                .isEqualTo(ToolDecision.ALLOW);
        assertThat(METHODS.decide(Set.of("mcp:access"), List.of(message("resources/read"))))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "files:read")));
        assertThat(METHODS.decide(Set.of("mcp:access"), List.of(message("prompts/get"))))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "prompts:read")));
    }

    @Test
    void unlistedMethodsAndToolCallsWithoutAToolMapNeedOnlyTheBaseline() {
        assertThat(METHODS.decide(
                        Set.of("mcp:access"), List.of(message("tools/list"), message("initialize"), call("anything"))))
                .isEqualTo(ToolDecision.ALLOW);
        assertThat(NONE.decide(Set.of("mcp:access"), List.of(call("anything")))).isEqualTo(ToolDecision.ALLOW);
        assertThat(NONE.restricts()).isFalse();
        assertThat(METHODS.restricts()).isTrue();
        assertThat(TOOLS.restricts()).isTrue();
    }

    @Test
    void methodAndToolScopesAddUp() {
        assertThat(BOTH.decide(Set.of("mcp:access", "mcp:tools"), List.of(call("echo"))))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "mcp:call", "mcp:tools")));
        assertThat(BOTH.decide(Set.of("mcp:access", "mcp:tools", "mcp:call"), List.of(call("echo"))))
                .isEqualTo(ToolDecision.ALLOW);
    }

    @Test
    void batchIsDecidedAsAWholeAndNamesEveryScopeItNeeds() {
        List<InspectedMessage> batch = List.of(call("list_repos"), call("create_issue"));
        assertThat(TOOLS.decide(Set.of("mcp:access", "github:read"), batch))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "github:read", "github:write")));
        assertThat(TOOLS.decide(Set.of("mcp:access", "github:read", "github:write"), batch))
                .isEqualTo(ToolDecision.ALLOW);
    }

    @Test
    void batchWithOneToolOutsideTheMapIsRefusedOutright() {
        List<InspectedMessage> batch = List.of(call("echo"), call("drop_db"));
        assertThat(NO_WILDCARD.decide(Set.of("mcp:access", "mcp:tools"), batch))
                .isEqualTo(new ToolDecision.NotPermitted("drop_db"));
    }

    @Test
    void batchMixingMethodsAndToolsCollectsBoth() {
        ToolPolicy policy = new ToolPolicy(
                BASELINE, map("echo", List.of("mcp:tools")), map("resources/read", List.of("files:read")));
        assertThat(policy.decide(
                        Set.of("mcp:access"), List.of(message("resources/read"), call("echo"), message("ping"))))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access", "files:read", "mcp:tools")));
    }

    @Test
    void responsesFromTheClientNeedOnlyTheBaseline() {
        InspectedMessage response = new InspectedMessage(Kind.RESPONSE, 7L, null, null);
        assertThat(NO_WILDCARD.decide(Set.of("mcp:access"), List.of(response))).isEqualTo(ToolDecision.ALLOW);
        assertThat(NO_WILDCARD.decide(Set.of(), List.of(response)))
                .isEqualTo(new ToolDecision.InsufficientScope(List.of("mcp:access")));
    }

    @Test
    void mayCallIsWhatAFilteredToolListShows() {
        Set<String> reader = Set.of("mcp:access", "github:read");
        assertThat(TOOLS.mayCall(reader, "list_repos")).isTrue();
        assertThat(TOOLS.mayCall(reader, "ping_tool")).isTrue();
        assertThat(TOOLS.mayCall(reader, "create_issue")).isFalse();
        assertThat(NO_WILDCARD.mayCall(Set.of("mcp:access", "mcp:tools"), "other"))
                .isFalse();
        assertThat(BOTH.mayCall(Set.of("mcp:access", "mcp:tools"), "echo")).isFalse();
    }

    private static InspectedMessage call(String tool) {
        return new InspectedMessage(Kind.REQUEST, 1L, "tools/call", tool);
    }

    private static InspectedMessage message(String method) {
        return new InspectedMessage(Kind.REQUEST, 1L, method, null);
    }

    private static Map<String, List<String>> map(Object... entries) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> scopes = (List<String>) entries[i + 1];
            map.put((String) entries[i], scopes);
        }
        return map;
    }
}
