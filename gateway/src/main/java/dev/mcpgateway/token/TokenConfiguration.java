package dev.mcpgateway.token;

import dev.mcpgateway.authz.ErrorResponseWriter;
import dev.mcpgateway.config.GatewayConfigStore;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
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

    @Bean
    CurrentAccessTokenVerifier currentAccessTokenVerifier(GatewayConfigStore store, AuthorizationServerClient client) {
        return new CurrentAccessTokenVerifier(store, client.webClient(), SETTINGS, Clock.systemUTC());
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
    RouteAuthenticationManagerResolver routeAuthenticationManagerResolver(CurrentAccessTokenVerifier verifier) {
        return new RouteAuthenticationManagerResolver(verifier);
    }

    @Bean
    QueryTokenFilter queryTokenFilter(ErrorResponseWriter errors) {
        return new QueryTokenFilter(errors);
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
