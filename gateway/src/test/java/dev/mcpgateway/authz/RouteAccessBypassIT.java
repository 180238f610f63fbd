package dev.mcpgateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The single access step ({@link RouteAccessFilter}) in front of every kind of MCP endpoint: POST, GET and DELETE on
 * a streamable HTTP route, a {@code subscriptions/listen} stream, and a legacy {@code transport: sse} route's stream
 * and message path. Without a token valid for the route, or without its baseline scopes, the answer is the
 * gateway's challenge and the upstream receives nothing.
 */
class RouteAccessBypassIT extends GatewayIntegrationTest {

    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";
    private static final String LISTEN =
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"subscriptions/listen\",\"params\":{}}";

    @BeforeEach
    void resetUpstream() {
        PEERS.hostile.reset();
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of(HttpMethod.POST, "/hostile/mcp", CALL),
                Arguments.of(HttpMethod.POST, "/hostile/mcp", LISTEN),
                Arguments.of(HttpMethod.GET, "/hostile/mcp", null),
                Arguments.of(HttpMethod.DELETE, "/hostile/mcp", null),
                Arguments.of(HttpMethod.GET, "/hostile/sse", null),
                Arguments.of(HttpMethod.POST, "/hostile/sse/message?sessionId=abc", CALL));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void noValidTokenOrMissingBaselineScopesIsChallengedAndNeverReachesTheUpstream(
            HttpMethod method, String path, String body) {
        String resourcePath = path.startsWith("/hostile/sse") ? "/hostile/sse" : "/hostile/mcp";
        String wrongScope = tokenFor(resourcePath, "mcp:other");
        String otherRoute = tokenFor("/other/mcp", "mcp:access");
        List<Case> cases = List.of(
                new Case("no token", h -> {}, 401, null),
                new Case("basic", h -> h.set(HttpHeaders.AUTHORIZATION, "Basic YWxpY2U6c2VjcmV0"), 401, null),
                new Case("empty bearer", h -> h.set(HttpHeaders.AUTHORIZATION, "Bearer "), 401, "invalid_token"),
                new Case("garbage", h -> h.setBearerAuth("not-a-jwt"), 401, "invalid_token"),
                new Case("other route's token", h -> h.setBearerAuth(otherRoute), 401, "invalid_token"),
                new Case(
                        "two fields",
                        h -> {
                            h.add(HttpHeaders.AUTHORIZATION, "Bearer " + otherRoute);
                            h.add(HttpHeaders.AUTHORIZATION, "Bearer " + wrongScope);
                        },
                        400,
                        "invalid_request"),
                new Case("baseline scope missing", h -> h.setBearerAuth(wrongScope), 403, "insufficient_scope"));
        for (Case attempt : cases) {
            EntityExchangeResult<String> answer = client().method(method)
                    .uri(path)
                    .headers(h -> {
                        h.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM));
                        if (method != HttpMethod.POST) {
                            h.set("Mcp-Session-Id", "s-1");
                        }
                        attempt.credentials.accept(h);
                    })
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body == null ? "" : body)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();
            if (path.contains("/message") && attempt.status == 403) {
                // The route's tool policy answers with a challenge, so a POST's baseline is checked with the tool's
                // scopes after inspection (BaselineScopes); an unknown legacy session is refused before that.
                assertThat(answer.getStatus().value()).as(attempt.name).isIn(403, 404);
                assertThat(PEERS.hostile.count()).as(attempt.name).isZero();
                continue;
            }
            assertThat(answer.getStatus().value()).as(attempt.name).isEqualTo(attempt.status);
            String challenge = answer.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
            if (attempt.status != 400) {
                assertThat(challenge).as(attempt.name).startsWith("Bearer ").contains("resource_metadata=");
            }
            if (attempt.error != null && attempt.status != 400) {
                assertThat(challenge).as(attempt.name).contains("error=\"" + attempt.error + "\"");
            }
            if (attempt.status == 403) {
                assertThat(challenge).as(attempt.name).contains("mcp:access");
            }
            assertThat(PEERS.hostile.count()).as(attempt.name).isZero();
        }
    }

    private record Case(String name, Consumer<HttpHeaders> credentials, int status, String error) {}
}
