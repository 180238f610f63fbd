package dev.mcpgateway.token;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.Reloadable;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Token extraction and validation beans (pipeline steps 4 and 5), and the authorization servers' metadata. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    private static final TokenVerifierSettings SETTINGS = TokenVerifierSettings.defaults();
    /** How often a key set that was never read is tried again while readiness waits for it. */
    private static final Duration FIRST_READ_RETRY = Duration.ofSeconds(5);

    /**
     * Calls to authorization servers (metadata, JWKS, introspection) get their own client and hard time limits:
     * a slow authorization server must never hold request threads or pile up connections. Introspection
     * applies its own, usually shorter, {@code introspection.timeout} on top.
     */
    @Bean
    AuthorizationServerClient authorizationServerClient() {
        // Idle connections are dropped before authorization servers' own keep-alive timeouts close them under a
        // request.
        ConnectionProvider connections = ConnectionProvider.builder("authorization-servers")
                .maxIdleTime(Duration.ofSeconds(20))
                .build();
        HttpClient httpClient = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        SETTINGS.httpTimeout().toMillis())
                .responseTimeout(SETTINGS.httpTimeout());
        return new AuthorizationServerClient(
                WebClient.builder()
                        .clientConnector(new ReactorClientHttpConnector(httpClient))
                        .build(),
                connections);
    }

    /**
     * The token verifier of the configured authorization servers, rebuilt only when a reload changes them: route-only
     * edits keep the JWKS, verified-token and introspection caches warm.
     */
    @Bean
    Reloadable<Map<String, AuthorizationServerConfig>, RouteTokenVerifier> tokenVerifier(
            GatewayConfigStore store,
            AuthorizationServerClient client,
            MeterRegistry registry,
            @Value("${gateway.readiness.authorization-servers:true}") boolean readKeysAtOnce) {
        TokenMetrics metrics = new TokenMetrics(registry);
        // The last verifier built (Reloadable builds one at a time): its keys carry over to the next for the servers
        // a reload did not change, so adding a server (the warm-up's, for a while) re-reads no other's keys.
        AtomicReference<@Nullable RouteTokenVerifier> last = new AtomicReference<>();
        return new Reloadable<>(store, GatewayConfig::authorizationServers, servers -> {
            RouteTokenVerifier verifier = new RouteTokenVerifier(
                            servers.values(), client.webClient(), SETTINGS, Clock.systemUTC(), metrics)
                    .continuingFrom(last.get());
            last.set(verifier);
            return readKeysAtOnce ? verifier.readKeysUntilRead(FIRST_READ_RETRY) : verifier;
        });
    }

    /**
     * Readiness waits until every authorization server was reached once ({@code gateway.readiness.authorization-servers},
     * default true); the keys are then read at start-up, not on the first token.
     */
    @Bean
    AuthorizationServersReadiness authorizationServersReadiness(
            GatewayConfigStore store,
            AuthorizationServerMetadataRegistry registry,
            Supplier<RouteTokenVerifier> verifier,
            @Value("${gateway.readiness.authorization-servers:true}") boolean required) {
        return new AuthorizationServersReadiness(store, registry, verifier, required);
    }

    /** Each metadata location may take {@code httpTimeout}; three are probed one after the other. */
    @Bean
    AuthorizationServerMetadataRegistry authorizationServerMetadataRegistry(
            GatewayConfigStore store, AuthorizationServerClient client) {
        Duration timeLimit = SETTINGS.httpTimeout().multipliedBy(3).plusSeconds(1);
        return new AuthorizationServerMetadataRegistry(
                store,
                new IssuerMetadataDiscovery(client.webClient(), SETTINGS.httpTimeout()),
                timeLimit,
                Clock.systemUTC());
    }

    @Bean
    AuthorizationServersHealthIndicator authorizationServersHealthIndicator(
            AuthorizationServerMetadataRegistry registry) {
        return new AuthorizationServersHealthIndicator(registry);
    }

    @Bean
    RouteTokenAuthenticator routeTokenAuthenticator(Supplier<RouteTokenVerifier> verifier) {
        return new RouteTokenAuthenticator(verifier);
    }

    /** The HTTP client for authorization servers only; not a general-purpose {@link WebClient} bean. */
    record AuthorizationServerClient(WebClient webClient, ConnectionProvider connections) implements AutoCloseable {

        /** Releases the pooled connections when the context closes (tests start and stop many gateways). */
        @Override
        public void close() {
            connections.disposeLater().subscribe();
        }
    }
}
