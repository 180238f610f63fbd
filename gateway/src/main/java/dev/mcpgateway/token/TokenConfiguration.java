package dev.mcpgateway.token;

import dev.mcpgateway.authz.ErrorResponseWriter;
import dev.mcpgateway.config.GatewayConfigStore;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/** Token extraction and validation beans (pipeline steps 4 and 5). */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    CurrentAccessTokenVerifier currentAccessTokenVerifier(GatewayConfigStore store) {
        TokenVerifierSettings settings = TokenVerifierSettings.defaults();
        // Calls to authorization servers (metadata, JWKS) get their own client and hard time limits:
        // a slow authorization server must never hold request threads or pile up connections.
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.httpTimeout().toMillis())
                .responseTimeout(settings.httpTimeout());
        WebClient webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
        return new CurrentAccessTokenVerifier(store, webClient, settings, Clock.systemUTC());
    }

    @Bean
    RouteAuthenticationManagerResolver routeAuthenticationManagerResolver(CurrentAccessTokenVerifier verifier) {
        return new RouteAuthenticationManagerResolver(verifier);
    }

    @Bean
    QueryTokenFilter queryTokenFilter(ErrorResponseWriter errors) {
        return new QueryTokenFilter(errors);
    }
}
