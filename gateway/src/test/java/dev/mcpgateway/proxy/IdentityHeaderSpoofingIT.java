package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import dev.mcpgateway.support.RawHttp;
import dev.mcpgateway.support.RawHttp.Answer;
import dev.mcpgateway.support.RecordedRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The identity headers an upstream receives come from the validated token and nothing else. Attempts to smuggle
 * other values past the gateway: names that CGI, WSGI or PHP upstreams read as the same variable ({@code _} for
 * {@code -}, any case), a {@code Connection} list that names the identity headers so that hop-by-hop processing
 * deletes them after the gateway set them, underscore spellings of the MCP transport headers the gateway checked,
 * and two {@code Authorization} fields. Every attack is sent as raw bytes.
 */
class IdentityHeaderSpoofingIT extends GatewayIntegrationTest {

    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";

    static Stream<List<String>> spoofs() {
        return Stream.of(
                List.of(
                        "X_MCP_Subject: root",
                        "X_MCP_Scopes: mcp:admin",
                        "X_MCP_Tenant: evil",
                        "X_MCP_Client_Id: evil"),
                List.of("x_mcp_subject: root", "X-MCP_Subject: root", "x-mcp_scopes: mcp:admin", "X_Mcp-Tenant: evil"),
                List.of(
                        "X-MCP-Subject: root",
                        "X-Mcp-Scopes: mcp:admin",
                        "x-mcp-tenant: evil",
                        "X-MCP-CLIENT-ID: evil"),
                List.of(
                        "Connection: keep-alive, X-MCP-Subject, X-MCP-Scopes, X-MCP-Tenant, X-MCP-Client-Id",
                        "X_MCP_Subject: root"),
                List.of("Connection: x-mcp-subject", "Connection: X-MCP-Scopes,x-mcp-tenant", "x_mcp_subject: root"),
                List.of(
                        "Connection: X_MCP_Subject, X-Upstream-Key",
                        "X_Upstream_Key: forged",
                        "X-Upstream-Key: forged"),
                // PHP turns '.' in a variable name into '_': behind a FastCGI front, X.MCP.Subject is
                // HTTP_X_MCP_SUBJECT.
                List.of(
                        "X.MCP.Subject: root",
                        "X-MCP.Scopes: mcp:admin",
                        "x.mcp.tenant: evil",
                        "X.MCP.Client.Id: evil",
                        "X.Upstream.Key: forged",
                        "Mcp.Session.Id: someone-elses-session",
                        "MCP.Protocol.Version: 2024-11-05"),
                List.of(
                        "X-Forwarded-For: 10.0.0.1",
                        "X_Forwarded_For: 10.0.0.2",
                        "Forwarded: for=10.0.0.3",
                        "X-Real-IP: 10.0.0.4"),
                // Fields that proxies in front of the upstream obey (Envoy and Istio sidecars trust x-envoy-* from
                // an internal peer, such as the gateway: a client could have a tool call retried) or that rewrite
                // what the upstream thinks was asked.
                List.of(
                        "X-Envoy-Retry-On: 5xx,reset",
                        "X-Envoy-Max-Retries: 10",
                        "x-envoy-upstream-rq-timeout-ms: 1",
                        "X-Envoy-Original-Path: /admin",
                        "X-Original-URI: /admin",
                        "X-Original-Host: internal.example",
                        "X-Original-Forwarded-For: 10.0.0.5",
                        "X-Host: internal.example"));
    }

    @ParameterizedTest
    @MethodSource("spoofs")
    void upstreamSeesOnlyTheTokensIdentity(List<String> attack) {
        Answer answer = post("/test/mcp", String.join("\r\n", attack) + "\r\n");
        assertThat(answer.status()).as(answer.head()).isEqualTo(200);
        RecordedRequest received = PEERS.upstream.last();
        assertThat(received.headers().getAll("X-MCP-Subject")).containsExactly("alice");
        assertThat(received.headers().getAll("X-MCP-Scopes")).containsExactly("mcp:access");
        assertThat(received.headers().getAll("X-MCP-Tenant")).containsExactly("test-client");
        assertThat(received.headers().getAll("X-MCP-Client-Id")).containsExactly("test-client");
        assertThat(received.headers().getAll("X-Upstream-Key")).containsExactly("static-upstream-key");
        assertThat(namesOf(received))
                .as("no other spelling of a header the gateway owns")
                .noneMatch(name -> name.contains("_") || name.contains("."))
                .doesNotContain("x-forwarded-for", "forwarded", "connection", "x-host")
                .noneMatch(name -> name.startsWith("x-envoy-") || name.startsWith("x-original-"));
    }

    @Test
    void underscoreSpellingsOfCheckedMcpHeadersNeverReachTheUpstream() {
        Answer answer = post(
                "/test/mcp",
                "Mcp_Session_Id: someone-elses-session\r\nMCP_Protocol_Version: 2024-11-05\r\n"
                        + "Mcp_Method: tools/list\r\nLast_Event_ID: 9\r\nMcp_Param_Region: eu\r\nContent_Type: text/plain\r\n");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(namesOf(PEERS.upstream.last())).noneMatch(name -> name.contains("_"));
    }

    @Test
    void connectionListCannotRemoveTheHeadersTheGatewayChecked() {
        Answer answer = post(
                "/test/mcp",
                "MCP-Protocol-Version: 2025-11-25\r\nConnection: close, MCP-Protocol-Version, Content-Type\r\n");
        assertThat(answer.status()).isEqualTo(200);
        RecordedRequest received = PEERS.upstream.last();
        assertThat(received.header("MCP-Protocol-Version")).isEqualTo("2025-11-25");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(received.body()).isEqualTo(CALL);
    }

    /**
     * The upstream request starts with the fields Reactor Netty sets from the URL ({@code Host}, {@code User-Agent},
     * {@code Accept}): the client's {@code Host} never replaces the upstream's own, not even nominated by
     * {@code Connection}, and the client's other fields arrive once each, never beside a default of the same name.
     */
    @Test
    void upstreamGetsItsOwnHostAndEachOfTheClientsFieldsOnce() {
        Answer answer = RawHttp.exchange(
                PEERS.gatewayPort,
                "POST /test/mcp HTTP/1.1\r\nHost: internal.example\r\nAuthorization: Bearer " + validToken()
                        + "\r\nConnection: keep-alive, Host\r\nAccept: application/json, text/event-stream\r\n"
                        + "User-Agent: mcp-client/1\r\nX-Note: one\r\nx-note: two\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + CALL.length()
                        + "\r\nConnection: close\r\n\r\n" + CALL);
        assertThat(answer.status()).as(answer.head()).isEqualTo(200);
        RecordedRequest received = PEERS.upstream.last();
        assertThat(received.headers().getAll("Host"))
                .containsExactly(URI.create(PEERS.upstream.mcpUrl()).getRawAuthority());
        assertThat(received.headers().getAll("Accept")).containsExactly("application/json, text/event-stream");
        assertThat(received.headers().getAll("User-Agent")).containsExactly("mcp-client/1");
        assertThat(received.headers().getAll("X-Note")).containsExactly("one", "two");
        assertThat(received.headers().getAll("Content-Length")).containsExactly(String.valueOf(CALL.length()));
        assertThat(received.headers().contains("Transfer-Encoding")).isFalse();
        assertThat(received.body()).isEqualTo(CALL);
    }

    static Stream<String> twoCredentials() {
        return Stream.of(
                "Authorization: Bearer %1$s\r\nAuthorization: Bearer %1$s\r\n",
                "Authorization: Bearer %1$s\r\nauthorization: Bearer forged\r\n",
                "Authorization: Bearer forged\r\nAuthorization: Bearer %1$s\r\n",
                "Authorization: Basic eDp5\r\nAuthorization: Bearer %1$s\r\n");
    }

    @ParameterizedTest
    @MethodSource("twoCredentials")
    void twoAuthorizationFieldsAreAMalformedRequest(String fields) {
        int before = PEERS.upstream.count();
        Answer answer = RawHttp.exchange(
                PEERS.gatewayPort,
                "POST /test/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + fields.formatted(validToken()) + "Content-Type: application/json\r\nContent-Length: "
                        + CALL.length()
                        + "\r\nConnection: close\r\n\r\n" + CALL);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("WWW-Authenticate")).contains("error=\"invalid_request\"");
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void bearerFollowedBySeveralSpacesIsAccepted() {
        int before = PEERS.upstream.count();
        Answer answer = RawHttp.exchange(
                PEERS.gatewayPort,
                "POST /test/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer    "
                        + validToken() + "\r\nContent-Type: application/json\r\nContent-Length: " + CALL.length()
                        + "\r\nConnection: close\r\n\r\n" + CALL);
        assertThat(answer.status()).as(answer.head()).isEqualTo(200);
        assertThat(PEERS.upstream.count()).isEqualTo(before + 1);
    }

    private Answer post(String path, String extraFields) {
        return RawHttp.exchange(
                PEERS.gatewayPort,
                "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                        + validToken() + "\r\n" + extraFields + "Content-Type: application/json\r\nContent-Length: "
                        + CALL.length()
                        + "\r\n\r\n" + CALL);
    }

    private static List<String> namesOf(RecordedRequest received) {
        return received.headers().names().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .toList();
    }
}
