package dev.mcpgateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.ModernRequests;
import dev.mcpgateway.support.ModernUpstream;
import dev.mcpgateway.support.RoutesSchema;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MCP 2026-07-28 step-up (authorization, "Scope Challenge Handling", SEP-2350) through a running gateway, in front of
 * a scripted modern upstream: scope hierarchies ({@code scopes.implies}), one challenge naming every scope the
 * operation needs, per-name scopes for {@code resources/read} and {@code prompts/get}, list filtering of
 * {@code tools/list}, {@code prompts/list}, {@code resources/list} and {@code resources/templates/list}, and
 * {@code cacheScope: "private"} on every page of a filtered list.
 */
class ScopeStepUpIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestAuthorizationServer AS = TestAuthorizationServer.start();
    private static final ModernUpstream UPSTREAM = ModernUpstream.start();
    private static final int PORT = TestPeers.freePort();
    private static final String PATH = "/github/mcp";
    private static final String RESOURCE = "http://127.0.0.1:" + PORT + PATH;
    private static final ConfigurableApplicationContext GATEWAY = StandaloneGateway.start(routes(), PORT);

    @AfterAll
    static void stop() {
        GATEWAY.close();
        UPSTREAM.close();
        AS.close();
    }

    private static Path routes() {
        String yaml = """
                gateway:
                  public-base-url: http://127.0.0.1:%d
                  authorization-servers:
                    wire:
                      issuer: %s
                      jwks-uri: %s
                routes:
                  - id: github
                    path: /github/mcp
                    upstream: %s
                    authorization-servers: [wire]
                    scopes:
                      required: [mcp:access]
                      implies:
                        github:admin: [github:write]
                        github:write: [github:read]
                      tools:
                        create_issue: [github:write]
                        admin_tool: [github:admin]
                        "*": [github:read]
                      resources:
                        "repo://public/*": []
                        "repo://*": [github:read]
                      prompts:
                        triage: [github:write]
                        "*": []
                """.formatted(PORT, AS.issuer(), AS.jwksUri(), UPSTREAM.mcpUrl());
        try {
            Path file = Files.createTempDirectory("scope-step-up-it").resolve("routes.yaml");
            Files.writeString(file, RoutesSchema.valid(yaml));
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + PORT)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    private static String token(String scope) {
        return AS.token(RESOURCE, scope);
    }

    private static WebTestClient.ResponseSpec call(String token, String method, @Nullable String name, String params) {
        return ModernRequests.post(client(), PATH, token, method, name, ModernRequests.body(7, method, params));
    }

    private static WebTestClient.ResponseSpec callTool(String token, String tool) {
        return call(token, "tools/call", tool, "\"name\":\"" + tool + "\",\"arguments\":{}");
    }

    private static WebTestClient.ResponseSpec read(String token, String uri) {
        return call(token, "resources/read", uri, "\"uri\":\"" + uri + "\"");
    }

    private static WebTestClient.ResponseSpec getPrompt(String token, String prompt) {
        return call(token, "prompts/get", prompt, "\"name\":\"" + prompt + "\"");
    }

    private static JsonNode result(WebTestClient.ResponseSpec response) {
        String body = response.expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body).get("result");
    }

    private static java.util.List<String> values(JsonNode entries, String field) {
        java.util.List<String> values = new java.util.ArrayList<>();
        entries.forEach(entry -> values.add(entry.get(field).asString()));
        return values;
    }

    private static void challenged(WebTestClient.ResponseSpec response, String scopes) {
        response.expectStatus()
                .isForbidden()
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge)
                                .contains("error=\"insufficient_scope\"")
                                .contains("scope=\"" + scopes + "\""));
    }

    @Test
    void aBroaderScopeSatisfiesEveryScopeItImpliesTransitively() {
        String admin = token("mcp:access github:admin");

        callTool(admin, "create_issue").expectStatus().isOk();
        callTool(admin, "admin_tool").expectStatus().isOk();
        callTool(admin, "echo").expectStatus().isOk();
        read(admin, "repo://private/keys").expectStatus().isOk();
        getPrompt(admin, "triage").expectStatus().isOk();
        challenged(callTool(token("mcp:access github:write"), "admin_tool"), "mcp:access github:admin");
    }

    @Test
    void oneChallengeNamesTheBaselineAndTheOperationsScopesButNeverTheBroaderOnes() {
        int before = UPSTREAM.bodies().size();

        challenged(callTool(token("profile"), "create_issue"), "mcp:access github:write");
        challenged(callTool(token("mcp:access"), "create_issue"), "mcp:access github:write");
        challenged(callTool(token("mcp:access github:read"), "create_issue"), "mcp:access github:write");

        assertThat(UPSTREAM.bodies()).hasSize(before);
    }

    @Test
    void resourceReadsStepUpByUriPatternAndRefuseUrisMatchingNoEntry() {
        String reader = token("mcp:access");

        read(reader, "repo://public/readme").expectStatus().isOk();
        challenged(read(reader, "repo://private/keys"), "mcp:access github:read");
        read(token("mcp:access github:read"), "repo://private/keys")
                .expectStatus()
                .isOk();
        for (String refused :
                new String[] {"file:///etc/passwd", "repo://public/../private/keys", "repo://public/%2e%2e/x"}) {
            read(token("mcp:access github:admin"), refused)
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
        }
    }

    @Test
    void promptGetsStepUpByNameAndRefuseLookalikes() {
        String reader = token("mcp:access");

        getPrompt(reader, "summary").expectStatus().isOk();
        challenged(getPrompt(reader, "triage"), "mcp:access github:write");
        getPrompt(token("mcp:access github:write"), "triage").expectStatus().isOk();
        getPrompt(token("mcp:access github:write"), "Triage")
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
    }

    @Test
    void filteredListsShowOnlyWhatTheCallerMayUseAndArePrivateOnEveryPage() {
        String reader = token("mcp:access github:read");

        JsonNode first = result(call(reader, "tools/list", null, ""));
        JsonNode second = result(call(reader, "tools/list", null, "\"cursor\":\"" + ModernUpstream.SECOND_PAGE + "\""));
        JsonNode prompts = result(call(token("mcp:access"), "prompts/list", null, ""));
        JsonNode resources = result(call(token("mcp:access"), "resources/list", null, ""));
        JsonNode templates = result(call(token("mcp:access"), "resources/templates/list", null, ""));

        assertThat(values(first.get("tools"), "name")).containsExactly("echo");
        assertThat(first.get("nextCursor").asString()).isEqualTo(ModernUpstream.SECOND_PAGE);
        assertThat(first.get("ttlMs").asInt()).isEqualTo(60000);
        assertThat(values(second.get("tools"), "name")).containsExactly("whoami");
        assertThat(second.get("ttlMs").asInt()).isEqualTo(30000);
        assertThat(values(prompts.get("prompts"), "name")).containsExactly("summary");
        assertThat(values(resources.get("resources"), "uri")).containsExactly("repo://public/readme");
        assertThat(values(templates.get("resourceTemplates"), "uriTemplate")).containsExactly("repo://public/{name}");
        for (JsonNode page : new JsonNode[] {first, second, prompts, resources, templates}) {
            assertThat(page.get("cacheScope").asString()).isEqualTo("private");
            assertThat(page.get("resultType").asString()).isEqualTo("complete");
        }
    }
}
