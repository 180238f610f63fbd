package dev.mcpgateway.token;

import static dev.mcpgateway.token.Rejections.WAIT;
import static dev.mcpgateway.token.Rejections.assertNoTokenFragment;
import static dev.mcpgateway.token.TestTokens.NOW;
import static dev.mcpgateway.token.TestTokens.RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.ClaimMapping;
import dev.mcpgateway.config.IntrospectionConfig;
import dev.mcpgateway.config.IntrospectionConfig.ClientAuthentication;
import dev.mcpgateway.config.TokenFormat;
import dev.mcpgateway.support.TestAuthorizationServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** MCP authorization "Token Theft": no introspection outcome logs the token or the gateway's client secret. */
class IntrospectionNeverLogsTokenTest {

    private static final String SECRET = "gateway-client-secret-value";

    @RegisterExtension
    final TokenPackageLogs logs = new TokenPackageLogs();

    private TestAuthorizationServer endpoint;

    @BeforeEach
    void startPeer() {
        endpoint = TestAuthorizationServer.start();
    }

    @AfterEach
    void stopPeer() {
        endpoint.close();
    }

    @Test
    void noIntrospectionFailureLogsTheTokenOrTheClientSecret() {
        List<String> tokens = new ArrayList<>();
        AuthorizationServerConfig server = new AuthorizationServerConfig(
                "opaque",
                "https://opaque.example",
                null,
                new IntrospectionConfig(
                        endpoint.introspectionUri(),
                        "gateway",
                        SECRET,
                        ClientAuthentication.POST,
                        Duration.ofMillis(300),
                        Duration.ofSeconds(60)),
                TokenFormat.OPAQUE,
                ClaimMapping.DEFAULTS,
                null);
        try (RouteTokenVerifier verifier = new RouteTokenVerifier(
                List.of(server), WebClient.create(), TokenVerifierSettings.defaults(), new MutableClock(NOW))) {
            for (int status : new int[] {500, 401, 200}) {
                endpoint.reset();
                endpoint.failIntrospection(status, status == 200 ? "<html>" : "{\"error\":\"invalid_client\"}");
                tokens.add(verify(verifier, OpaqueTokenVerificationTest.newToken()));
            }
            endpoint.reset();
            String slow = OpaqueTokenVerificationTest.newToken();
            endpoint.answerIntrospection(slow, Map.of("active", true), Duration.ofSeconds(2));
            tokens.add(verify(verifier, slow));
            String foreign = OpaqueTokenVerificationTest.newToken();
            endpoint.answerIntrospection(
                    foreign,
                    Map.of(
                            "active",
                            true,
                            "iss",
                            "https://evil.example",
                            "exp",
                            NOW.plusSeconds(60).getEpochSecond()));
            tokens.add(verify(verifier, foreign));
        }

        assertThat(logs.events()).isNotEmpty();
        for (ILoggingEvent event : logs.events()) {
            String logged = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            tokens.forEach(token -> assertNoTokenFragment(logged, token));
            assertThat(logged).doesNotContain(SECRET);
        }
    }

    private static String verify(RouteTokenVerifier verifier, String token) {
        verifier.verify(token, List.of("opaque"), Set.of(RESOURCE))
                .onErrorResume(e -> Mono.empty())
                .block(WAIT);
        return token;
    }
}
