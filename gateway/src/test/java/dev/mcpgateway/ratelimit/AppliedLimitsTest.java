package dev.mcpgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.RateLimitPlan;
import dev.mcpgateway.config.ResilienceConfig;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.config.RouteRateLimits;
import dev.mcpgateway.config.ScopeHierarchy;
import dev.mcpgateway.config.StreamsConfig;
import dev.mcpgateway.config.TimeoutsConfig;
import dev.mcpgateway.mcp.InspectedMessage;
import dev.mcpgateway.mcp.InspectedMessage.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppliedLimitsTest {

    private static final RateLimitPlan DEFAULT = new RateLimitPlan(120, 60, Duration.ofMinutes(1));
    private static final RateLimitPlan ACME = new RateLimitPlan(600, 300, Duration.ofMinutes(1));
    private static final RateLimitPlan CREATE_ISSUE = new RateLimitPlan(10, 10, Duration.ofHours(1));

    @Test
    void aTenantWithoutOverrideGetsTheDefaultPlan() {
        assertThat(AppliedLimits.forRequest(
                        route(new RouteRateLimits(DEFAULT, Map.of("acme", ACME), Map.of())), "globex", List.of()))
                .containsExactly(
                        new Limit("tenant", "mcp-gateway:rate-limit:github:tenant:globex:120-60-60000ms", DEFAULT));
    }

    @Test
    void aTenantOverrideReplacesTheDefaultPlan() {
        assertThat(AppliedLimits.forRequest(
                        route(new RouteRateLimits(DEFAULT, Map.of("acme", ACME), Map.of())), "acme", List.of()))
                .extracting(Limit::plan)
                .containsExactly(ACME);
    }

    @Test
    void aToolWithAPlanIsChargedFirstAndPerTenant() {
        RouteConfig route = route(new RouteRateLimits(DEFAULT, Map.of(), Map.of("create_issue", CREATE_ISSUE)));
        assertThat(AppliedLimits.forRequest(route, "acme", calls("create_issue")))
                .containsExactly(
                        new Limit(
                                "tool",
                                "mcp-gateway:rate-limit:github:tenant:acme:tool:create_issue:10-10-3600000ms",
                                CREATE_ISSUE),
                        new Limit("tenant", "mcp-gateway:rate-limit:github:tenant:acme:120-60-60000ms", DEFAULT));
        assertThat(AppliedLimits.forRequest(route, "acme", calls("search")))
                .extracting(Limit::policy)
                .containsExactly("tenant");
    }

    @Test
    void aToolNameWithInvisibleCharactersPaysIntoThePlanOfTheToolItImitates() {
        RouteConfig route = route(new RouteRateLimits(null, Map.of(), Map.of("create_issue", CREATE_ISSUE)));
        for (String imitation :
                List.of("create_issue\ufe0f", "create_issue\u034f", "create\u3164_issue", "create_issue\u180b")) {
            assertThat(AppliedLimits.forRequest(route, "acme", calls(imitation)))
                    .as(imitation)
                    .extracting(Limit::key)
                    .containsExactly("mcp-gateway:rate-limit:github:tenant:acme:tool:create_issue:10-10-3600000ms");
        }
    }

    @Test
    void onlyToolPlansLimitOnlyThoseTools() {
        RouteConfig route = route(new RouteRateLimits(null, Map.of(), Map.of("create_issue", CREATE_ISSUE)));
        assertThat(AppliedLimits.forRequest(route, "acme", List.of())).isEmpty();
        assertThat(AppliedLimits.forRequest(route, "acme", calls("create_issue")))
                .extracting(Limit::policy)
                .containsExactly("tool");
    }

    @Test
    void aBatchCostsATokenPerMessageAndAToolTokenPerCall() {
        RouteConfig route = route(new RouteRateLimits(DEFAULT, Map.of(), Map.of("create_issue", CREATE_ISSUE)));
        List<InspectedMessage> batch = List.of(
                call(1, "create_issue"),
                call(2, "search"),
                call(3, "create_issue"),
                new InspectedMessage(Kind.NOTIFICATION, null, "notifications/cancelled", null),
                new InspectedMessage(Kind.RESPONSE, 9L, null, null));
        assertThat(AppliedLimits.forRequest(route, "acme", batch))
                .containsExactly(
                        new Limit(
                                "tool",
                                "mcp-gateway:rate-limit:github:tenant:acme:tool:create_issue:10-10-3600000ms",
                                CREATE_ISSUE,
                                2),
                        new Limit("tenant", "mcp-gateway:rate-limit:github:tenant:acme:120-60-60000ms", DEFAULT, 4));
    }

    @Test
    void aRequestWithoutMessagesCostsTheTenantOneToken() {
        RouteConfig route = route(new RouteRateLimits(DEFAULT, Map.of(), Map.of()));
        assertThat(AppliedLimits.forRequest(route, "acme", List.of()))
                .extracting(Limit::tokens)
                .containsExactly(1L);
        assertThat(AppliedLimits.forRequest(
                        route, "acme", List.of(new InspectedMessage(Kind.RESPONSE, 1L, null, null))))
                .extracting(Limit::tokens)
                .containsExactly(1L);
    }

    @Test
    void separatorsInNamesCannotMakeTwoBucketsCollide() {
        RouteConfig route = route(new RouteRateLimits(DEFAULT, Map.of(), Map.of()));
        String colon =
                AppliedLimits.forRequest(route, "a:tool:b", List.of()).get(0).key();
        assertThat(colon).isEqualTo("mcp-gateway:rate-limit:github:tenant:a%3Atool%3Ab:120-60-60000ms");
    }

    @Test
    void aChangedPlanGetsANewBucketAndAnUnchangedPlanKeepsItsKey() {
        String before = RateLimitKeys.tenant("github", "acme", DEFAULT);
        assertThat(RateLimitKeys.tenant("github", "acme", new RateLimitPlan(120, 60, Duration.ofSeconds(60))))
                .isEqualTo(before);
        assertThat(RateLimitKeys.tenant("github", "acme", new RateLimitPlan(121, 60, Duration.ofMinutes(1))))
                .isNotEqualTo(before);
    }

    private static List<InspectedMessage> calls(String tool) {
        return List.of(call(1, tool));
    }

    private static InspectedMessage call(long id, String tool) {
        return new InspectedMessage(Kind.REQUEST, id, InspectedMessage.TOOLS_CALL, tool);
    }

    private static RouteConfig route(RouteRateLimits limits) {
        return new RouteConfig(
                "github",
                "GitHub",
                "/github/mcp",
                "https://mcp.example.com/github/mcp",
                URI.create("http://github.internal/mcp"),
                List.of("corp"),
                Set.of(),
                List.of(),
                TimeoutsConfig.DEFAULTS,
                Map.of(),
                "org_id",
                limits,
                RouteConfig.Transport.STREAMABLE_HTTP,
                RouteConfig.Eras.BOTH,
                Map.of(),
                Map.of(),
                RouteConfig.DenyAs.CHALLENGE,
                ResilienceConfig.DEFAULTS,
                StreamsConfig.DEFAULTS,
                Map.of(),
                Map.of(),
                ScopeHierarchy.NONE,
                false);
    }
}
