package dev.mcpgateway.mrtr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.ModernRequests;
import dev.mcpgateway.support.ModernUpstream;
import dev.mcpgateway.support.RoutesSchema;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MCP 2026-07-28 multi round-trip requests through a running gateway: the upstream's {@code requestState} reaches the
 * client only sealed, a genuine retry reaches the upstream with the original state, and a state replayed by another
 * principal, altered, forged, or presented on another route, method or request is refused with {@code 400} and
 * JSON-RPC {@code -32602} without reaching the upstream. (Expiry is proven on the sealer with a clock,
 * {@code RequestStateSealerTest}.)
 */
class SealedRequestStateIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestAuthorizationServer AS = TestAuthorizationServer.start();
    private static final ModernUpstream UPSTREAM = ModernUpstream.start();
    private static final int PORT = TestPeers.freePort();
    private static final String ONE = "/one/mcp";
    private static final String TWO = "/two/mcp";
    private static final String ARGUMENTS = "{\"repo\":\"acme/web\"}";
    private static final String ORIGINAL_STATE = ModernUpstream.STATE_PREFIX + ARGUMENTS;
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
                  request-state:
                    ttl: 5m
                  authorization-servers:
                    wire:
                      issuer: %s
                      jwks-uri: %s
                routes:
                  - id: one
                    path: /one/mcp
                    upstream: %s
                    authorization-servers: [wire]
                  - id: two
                    path: /two/mcp
                    upstream: %s
                    authorization-servers: [wire]
                """.formatted(PORT, AS.issuer(), AS.jwksUri(), UPSTREAM.mcpUrl(), UPSTREAM.mcpUrl());
        try {
            Path file = Files.createTempDirectory("sealed-request-state-it").resolve("routes.yaml");
            Files.writeString(file, RoutesSchema.valid(yaml));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + PORT)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    private static String tokenOf(String subject, String path) {
        return AS.token("http://127.0.0.1:" + PORT + path, "", claims -> claims.subject(subject));
    }

    private static String ask(String arguments) {
        return ModernRequests.body(1, "tools/call", "\"name\":\"ask\",\"arguments\":" + arguments);
    }

    private static String retry(String method, String name, String arguments, String stateJson) {
        String target = method.equals("resources/read") ? "\"uri\":\"" + name + "\"" : "\"name\":\"" + name + "\"";
        return ModernRequests.body(
                2,
                method,
                target + ",\"arguments\":" + arguments
                        + ",\"inputResponses\":{\"who\":{\"action\":\"accept\",\"content\":{\"name\":\"octocat\"}}},"
                        + "\"requestState\":" + stateJson);
    }

    private static JsonNode resultOf(WebTestClient.ResponseSpec response) {
        String body = response.expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body).get("result");
    }

    /** The sealed state of a first round on {@code path} for {@code subject}. */
    private static String sealedState(String subject, String path) {
        JsonNode result = resultOf(
                ModernRequests.post(client(), path, tokenOf(subject, path), "tools/call", "ask", ask(ARGUMENTS)));
        assertThat(result.get("resultType").asString()).isEqualTo("input_required");
        assertThat(result.get("inputRequests").has("who")).isTrue();
        return result.get("requestState").asString();
    }

    private static void refused(WebTestClient.ResponseSpec response) {
        response.expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(2)
                .jsonPath("$.error.code")
                .isEqualTo(-32602)
                .jsonPath("$.error.data.error")
                .isEqualTo("invalid_request_state");
    }

    private static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }

    @Test
    void aGenuineStateReachesTheClientSealedAndTheUpstreamAsItWasIssued() {
        String sealed = sealedState("alice", ONE);

        assertThat(sealed)
                .startsWith("mcpgw1.")
                .doesNotContain("upstream-state")
                .doesNotContain("acme");
        JsonNode done = resultOf(ModernRequests.post(
                client(),
                ONE,
                tokenOf("alice", ONE),
                "tools/call",
                "ask",
                retry("tools/call", "ask", ARGUMENTS, quoted(sealed))));

        assertThat(done.get("content").get(0).get("text").asString()).isEqualTo("state=" + ORIGINAL_STATE);
        JsonNode forwarded =
                JSON.readTree(UPSTREAM.bodies().get(UPSTREAM.bodies().size() - 1));
        assertThat(forwarded.get("params").get("requestState").asString()).isEqualTo(ORIGINAL_STATE);
        assertThat(forwarded.get("params").get("inputResponses").has("who")).isTrue();
    }

    @Test
    void aStateInAnEventStreamIsSealedToo() {
        String body = ModernRequests.post(
                        client().mutate()
                                .defaultHeader(ModernUpstream.SSE_HEADER, "1")
                                .build(),
                        ONE,
                        tokenOf("alice", ONE),
                        "tools/call",
                        "ask",
                        ask(ARGUMENTS))
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String data = body.lines()
                .filter(line -> line.startsWith("data:"))
                .findFirst()
                .orElseThrow();
        String sealed = JSON.readTree(data.substring("data:".length()))
                .get("result")
                .get("requestState")
                .asString();

        assertThat(sealed).startsWith("mcpgw1.");
        ModernRequests.post(
                        client(),
                        ONE,
                        tokenOf("alice", ONE),
                        "tools/call",
                        "ask",
                        retry("tools/call", "ask", ARGUMENTS, quoted(sealed)))
                .expectStatus()
                .isOk();
    }

    @Test
    void aForgedStateOnARequestThatClaimsNoModernRevisionIsStillOpenedAndRefused() {
        String forged = quoted(ORIGINAL_STATE);
        int before = UPSTREAM.bodies().size();
        for (String body : List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\","
                        + "\"arguments\":" + ARGUMENTS + ",\"requestState\":" + forged + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\","
                        + "\"arguments\":" + ARGUMENTS + ",\"request\\u0053tate\":" + forged + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///a\","
                        + "\"_meta\":{},\"requestState\":" + forged + "}}")) {
            refused(client().post()
                    .uri(ONE)
                    .headers(h -> h.setBearerAuth(tokenOf("alice", ONE)))
                    .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange());
        }
        client().post()
                .uri(ONE)
                .headers(h -> h.setBearerAuth(tokenOf("alice", ONE)))
                .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\","
                        + "\"requestState\":" + forged + "}}]")
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(UPSTREAM.bodies()).hasSize(before);
    }

    @Test
    void aStateOnANotificationOrAnotherMethodIsOpenedAndRefusedAloneAndBesideAPlainCallInABatch() {
        String forged = quoted(ORIGINAL_STATE);
        String plainCall = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\","
                + "\"arguments\":" + ARGUMENTS + "}}";
        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"ask\","
                + "\"arguments\":" + ARGUMENTS + ",\"requestState\":" + forged + "}}";
        String otherMethod =
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"requestState\":" + forged + "}}";
        int before = UPSTREAM.bodies().size();
        refused(post(otherMethod));
        for (String body : List.of(
                notification, "[" + plainCall + "," + notification + "]", "[" + plainCall + "," + otherMethod + "]")) {
            post(body)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.error.code")
                    .isEqualTo(-32602)
                    .jsonPath("$.error.data.error")
                    .isEqualTo("invalid_request_state");
        }
        assertThat(UPSTREAM.bodies()).hasSize(before);
    }

    private static WebTestClient.ResponseSpec post(String body) {
        return client().post()
                .uri(ONE)
                .headers(h -> h.setBearerAuth(tokenOf("alice", ONE)))
                .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void aStateIsRefusedForAnotherPrincipalRouteMethodOrRequestAndWhenAlteredOrForged() {
        String sealed = sealedState("alice", ONE);
        int middle = sealed.length() / 2;
        String altered =
                sealed.substring(0, middle) + (sealed.charAt(middle) == 'A' ? 'B' : 'A') + sealed.substring(middle + 1);
        int before = UPSTREAM.bodies().size();

        refused(ModernRequests.post(
                client(),
                ONE,
                tokenOf("bob", ONE),
                "tools/call",
                "ask",
                retry("tools/call", "ask", ARGUMENTS, quoted(sealed))));
        refused(ModernRequests.post(
                client(),
                TWO,
                tokenOf("alice", TWO),
                "tools/call",
                "ask",
                retry("tools/call", "ask", ARGUMENTS, quoted(sealed))));
        refused(ModernRequests.post(
                client(),
                ONE,
                tokenOf("alice", ONE),
                "prompts/get",
                "ask",
                retry("prompts/get", "ask", ARGUMENTS, quoted(sealed))));
        refused(ModernRequests.post(
                client(),
                ONE,
                tokenOf("alice", ONE),
                "tools/call",
                "ask",
                retry("tools/call", "ask", "{\"repo\":\"acme/secrets\"}", quoted(sealed))));
        refused(ModernRequests.post(
                client(),
                ONE,
                tokenOf("alice", ONE),
                "tools/call",
                "ask",
                retry("tools/call", "ask", ARGUMENTS, quoted(altered))));
        refused(ModernRequests.post(
                client(),
                ONE,
                tokenOf("alice", ONE),
                "tools/call",
                "ask",
                retry("tools/call", "ask", ARGUMENTS, quoted(ORIGINAL_STATE))));
        refused(ModernRequests.post(
                client(), ONE, tokenOf("alice", ONE), "tools/call", "ask", retry("tools/call", "ask", ARGUMENTS, "7")));

        assertThat(UPSTREAM.bodies()).hasSize(before);
    }
}
