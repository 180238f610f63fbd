package dev.mcpgateway.demo.authserver;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The demo's pre-registered OAuth clients, scopes and user.
 * <p>
 * Every client must use PKCE with {@code S256} for the authorization code grant (RFC 7636, OAuth 2.1 §4.1.1,
 * required by the MCP authorization specification) and is never shown a consent screen.
 */
public final class DemoClients {

    /** Confidential client: {@code client_secret_basic} or {@code client_secret_post}. */
    public static final String CONFIDENTIAL_CLIENT_ID = "demo-client";

    public static final String CONFIDENTIAL_CLIENT_SECRET = "demo-secret";

    /** Public client (no secret), authorization code with PKCE only. */
    public static final String PUBLIC_CLIENT_ID = "demo-public";

    public static final String USERNAME = "alice";

    public static final String PASSWORD = "alice";

    public static final List<String> SCOPES = List.of("mcp:access", "mcp:tools", "mcp:admin");

    /** MCP Inspector (port 6274) and common loopback callbacks (RFC 8252 §7.3). */
    public static final List<String> REDIRECT_URIS = List.of(
            "http://127.0.0.1:6274/oauth/callback",
            "http://localhost:6274/oauth/callback",
            "http://127.0.0.1:6274/oauth/callback/debug",
            "http://localhost:6274/oauth/callback/debug",
            "http://127.0.0.1:33418/",
            "http://localhost:33418/");

    static final Duration ACCESS_TOKEN_TIME_TO_LIVE = Duration.ofMinutes(10);

    private DemoClients() {}

    static RegisteredClientRepository repository() {
        return new InMemoryRegisteredClientRepository(confidentialClient(), publicClient());
    }

    static ClientSettings clientSettings() {
        return ClientSettings.builder()
                .requireProofKey(true)
                .requireAuthorizationConsent(false)
                .build();
    }

    static TokenSettings tokenSettings() {
        return TokenSettings.builder()
                .accessTokenTimeToLive(ACCESS_TOKEN_TIME_TO_LIVE)
                .build();
    }

    private static RegisteredClient confidentialClient() {
        return base(CONFIDENTIAL_CLIENT_ID)
                .clientSecret("{noop}" + CONFIDENTIAL_CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .build();
    }

    private static RegisteredClient publicClient() {
        return base(PUBLIC_CLIENT_ID)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .build();
    }

    private static RegisteredClient.Builder base(String clientId) {
        return RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris((uris) -> uris.addAll(REDIRECT_URIS))
                .scopes((scopes) -> scopes.addAll(SCOPES))
                .clientSettings(clientSettings())
                .tokenSettings(tokenSettings());
    }
}
