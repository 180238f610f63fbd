package dev.mcpgateway.token;

import static dev.mcpgateway.support.TestAuthorizationServer.JWKS_PATH;
import static dev.mcpgateway.token.Rejections.WAIT;
import static dev.mcpgateway.token.Rejections.assertAccepted;
import static dev.mcpgateway.token.Rejections.assertKeysUnavailable;
import static dev.mcpgateway.token.TestTokens.ISSUER;
import static dev.mcpgateway.token.TestTokens.NOW;
import static dev.mcpgateway.token.TestTokens.OTHER_ISSUER;
import static dev.mcpgateway.token.TestTokens.RESOURCE;
import static dev.mcpgateway.token.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The token verifier is rebuilt whenever a reload changes the authorization servers, and the warm-up does that twice
 * (its own server comes and goes). The servers it did not change keep the signing keys read before: no JWK Set read
 * for them, and no gap if their endpoint is down just then; a server whose keys moved starts afresh.
 */
class SigningKeysAcrossRebuildsTest {

    @RegisterExtension
    static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();

    private static final AuthorizationServerConfig OTHER = new AuthorizationServerConfig(
            "other", OTHER_ISSUER, URI.create("http://127.0.0.1:" + TestPeers.freePort() + "/jwks"));

    private final MutableClock clock = new MutableClock(NOW);
    private final List<AutoCloseable> built = new ArrayList<>();

    @AfterEach
    void closeVerifiers() throws Exception {
        for (AutoCloseable verifier : built) {
            verifier.close();
        }
    }

    @Test
    void aVerifierRebuiltForAnAddedServerKeepsTheKeysOfTheOthersWithoutReadingThemAgain() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        RouteTokenVerifier before = verifier(corp());
        assertThat(before.verify(token(TestKeys.RSA_1).serialize(), List.of("corp"), Set.of(RESOURCE))
                        .block(WAIT))
                .isNotNull();
        AUTHORIZATION_SERVER.failKeys();

        RouteTokenVerifier after =
                verifier(corp(), OTHER).continuingFrom(before).readKeysUntilRead(Duration.ofSeconds(5));
        before.close();

        assertThat(after.verify(token(TestKeys.RSA_1).serialize(), List.of("corp"), Set.of(RESOURCE))
                        .block(WAIT))
                .isNotNull();
        assertThat(after.keySetStatus())
                .filteredOn(status -> status.serverName().equals("corp"))
                .singleElement()
                .satisfies(status -> assertThat(status.lastSuccess()).isNotNull());
        assertThat(AUTHORIZATION_SERVER.requestsTo(JWKS_PATH)).isEqualTo(1);
    }

    @Test
    void keysCarriedOverStillTrustOnlyTheirOwnIssuer() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        AccessTokenVerifier before = accessTokenVerifier(corp());
        assertAccepted(before.verify(token(TestKeys.RSA_1).serialize(), List.of("corp"), Set.of(RESOURCE)));

        AccessTokenVerifier after = accessTokenVerifier(corp(), OTHER);
        after.continueFrom(before);

        String otherIssuer = token(TestKeys.RSA_1).issuer(OTHER_ISSUER).serialize();
        assertKeysUnavailable(after.verify(otherIssuer, List.of("other"), Set.of(RESOURCE)), otherIssuer);
    }

    @Test
    void aServerWhoseKeysMovedStartsAfreshAfterTheRebuild() {
        AUTHORIZATION_SERVER.publishKeys(TestKeys.RSA_1);
        AccessTokenVerifier before = accessTokenVerifier(corp());
        assertAccepted(before.verify(token(TestKeys.RSA_1).serialize(), List.of("corp"), Set.of(RESOURCE)));
        AUTHORIZATION_SERVER.failKeys();

        AccessTokenVerifier after = accessTokenVerifier(
                new AuthorizationServerConfig("corp", ISSUER, AUTHORIZATION_SERVER.url(JWKS_PATH + "-moved")));
        after.continueFrom(before);

        String token = token(TestKeys.RSA_1).serialize();
        assertKeysUnavailable(after.verify(token, List.of("corp"), Set.of(RESOURCE)), token);
    }

    private static AuthorizationServerConfig corp() {
        return new AuthorizationServerConfig("corp", ISSUER, AUTHORIZATION_SERVER.url(JWKS_PATH));
    }

    private RouteTokenVerifier verifier(AuthorizationServerConfig... servers) {
        RouteTokenVerifier verifier =
                new RouteTokenVerifier(List.of(servers), WebClient.create(), TokenVerifierSettings.defaults(), clock);
        built.add(verifier);
        return verifier;
    }

    private AccessTokenVerifier accessTokenVerifier(AuthorizationServerConfig... servers) {
        AccessTokenVerifier verifier =
                new AccessTokenVerifier(List.of(servers), WebClient.create(), TokenVerifierSettings.defaults(), clock);
        built.add(verifier);
        return verifier;
    }
}
