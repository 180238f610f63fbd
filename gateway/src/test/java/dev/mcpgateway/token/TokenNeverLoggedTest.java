package dev.mcpgateway.token;

import static dev.mcpgateway.support.TestAuthorizationServer.JWKS_PATH;
import static dev.mcpgateway.token.Rejections.WAIT;
import static dev.mcpgateway.token.Rejections.assertNoTokenFragment;
import static dev.mcpgateway.token.TestTokens.ISSUER;
import static dev.mcpgateway.token.TestTokens.NOW;
import static dev.mcpgateway.token.TestTokens.RESOURCE;
import static dev.mcpgateway.token.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.support.TestAuthorizationServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** MCP authorization "Token Theft": tokens must never reach logs, at any level, on any path. */
class TokenNeverLoggedTest {

    @RegisterExtension
    final TokenPackageLogs logs = new TokenPackageLogs();

    private final MutableClock clock = new MutableClock(NOW);
    private TestAuthorizationServer authorizationServer;

    @BeforeEach
    void startPeer() {
        authorizationServer = TestAuthorizationServer.start();
    }

    @AfterEach
    void stopPeer() {
        authorizationServer.close();
    }

    @Test
    void noRejectionOrKeyFailureLogsAnyPartOfTheToken() {
        List<String> tokens = new ArrayList<>();
        authorizationServer.failKeys();
        String issuerWithDiscovery = authorizationServer.baseUrl() + "/t1";
        authorizationServer.publishMetadata(
                "/.well-known/oauth-authorization-server/t1",
                "https://wrong.example",
                authorizationServer.url("/t1/keys"));
        try (AccessTokenVerifier verifier = new AccessTokenVerifier(
                List.of(
                        new AuthorizationServerConfig("corp", ISSUER, authorizationServer.url(JWKS_PATH)),
                        new AuthorizationServerConfig("discovered", issuerWithDiscovery, null)),
                WebClient.create(),
                TokenVerifierSettings.defaults(),
                clock)) {
            tokens.add(token(TestKeys.RSA_1).serialize());
            tokens.add(token(TestKeys.RSA_1).issuer(issuerWithDiscovery).serialize());
            authorizationServer.publishKeys(TestKeys.RSA_1);
            clock.advance(Duration.ofMinutes(1));
            tokens.add(token(TestKeys.RSA_2).serialize());
            tokens.add(token(TestKeys.RSA_IMPOSTOR).serialize());
            tokens.add(
                    token(TestKeys.RSA_1).audience("https://elsewhere.example").serialize());
            tokens.add(token(TestKeys.RSA_1).expiresAt(NOW).serialize());
            tokens.add(token(TestKeys.RSA_1).type("dpop+jwt").serialize());
            tokens.add("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24gYXQgYWxs.c2lnbmF0dXJlc2lnbmF0dXJl");
            tokens.add(token(TestKeys.RSA_1).serialize());

            for (String token : tokens) {
                verifier.verify(token, List.of("corp", "discovered"), Set.of(RESOURCE))
                        .onErrorResume(e -> Mono.empty())
                        .block(WAIT);
            }
        }

        assertThat(logs.events()).isNotEmpty();
        for (ILoggingEvent event : logs.events()) {
            String logged = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            tokens.forEach(token -> assertNoTokenFragment(logged, token));
        }
    }
}
