package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import dev.mcpgateway.token.AccessTokenVerifier;
import dev.mcpgateway.token.TokenVerifierSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * JWKS outage: keys read before keep validating tokens, and health reports DEGRADED rather than DOWN; an issuer whose
 * keys were never readable is DOWN.
 */
class SigningKeysHealthIndicatorTest {

    private static final String AUDIENCE = "https://mcp.example.com/r/mcp";
    /** Re-read the key set every 200 ms; no verified-token cache, so every token needs the keys. */
    private static final TokenVerifierSettings SETTINGS = new TokenVerifierSettings(
            Duration.ofSeconds(60),
            Duration.ofMillis(200),
            Duration.ofSeconds(30),
            0,
            Duration.ZERO,
            Duration.ofSeconds(2));

    private final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();
    private AccessTokenVerifier verifier;

    @AfterEach
    void stop() {
        verifier.close();
        authorizationServer.close();
    }

    @Test
    void jwksOutageKeepsCachedKeysValidatingAndReportsDegraded() {
        verifier = verifier(URI.create(authorizationServer.jwksUri()));
        SigningKeysHealthIndicator indicator = new SigningKeysHealthIndicator(() -> verifier.keySetStatus());
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(keys(indicator.health())).isEqualTo("NOT_USED_YET");

        assertThat(verify()).isTrue();
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(keys(indicator.health())).isEqualTo("OK");

        authorizationServer.failKeys();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(indicator.health().getStatus()).isEqualTo(SigningKeysHealthIndicator.DEGRADED));
        assertThat(keys(indicator.health())).isEqualTo("DEGRADED");
        assertThat(verify())
                .as("a fresh token still validates with the cached keys")
                .isTrue();

        authorizationServer.publishKeys(authorizationServer.signingKey());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
    }

    @Test
    void anIssuerWhoseKeysWereNeverReadableIsDown() {
        verifier = verifier(URI.create("http://127.0.0.1:" + TestPeers.freePort() + "/jwks"));
        SigningKeysHealthIndicator indicator = new SigningKeysHealthIndicator(() -> verifier.keySetStatus());
        assertThat(verify()).isFalse();
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(keys(indicator.health())).isEqualTo("UNAVAILABLE");
    }

    private AccessTokenVerifier verifier(URI jwksUri) {
        return new AccessTokenVerifier(
                List.of(new AuthorizationServerConfig("corp", authorizationServer.issuer(), jwksUri)),
                WebClient.create(),
                SETTINGS,
                Clock.systemUTC());
    }

    private boolean verify() {
        return verifier.verify(authorizationServer.token(AUDIENCE, "mcp:access"), List.of("corp"), Set.of(AUDIENCE))
                .map(jwt -> true)
                .onErrorReturn(false)
                .block(Duration.ofSeconds(10));
    }

    @SuppressWarnings("unchecked")
    private static String keys(Health health) {
        return String.valueOf(((Map<String, Object>) health.getDetails().get("corp")).get("keys"));
    }
}
