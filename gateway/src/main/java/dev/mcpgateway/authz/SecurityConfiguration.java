package dev.mcpgateway.authz;

import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.token.RouteAuthenticationManagerResolver;
import dev.mcpgateway.token.RouteBearerTokenConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pipeline step 5 in Spring Security terms: MCP endpoints are OAuth 2.1 protected resources;
 * everything else (discovery, health, unknown paths that end in 404) is public. Stateless: no
 * session, no saved request, no CSRF (bearer tokens are not ambient credentials).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    ErrorResponseWriter errorResponseWriter(JsonMapper json) {
        return new ErrorResponseWriter(json);
    }

    @Bean
    OriginFilter originFilter(ErrorResponseWriter errors) {
        return new OriginFilter(errors);
    }

    @Bean
    CorsFilter corsFilter() {
        return new CorsFilter();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http,
            ErrorResponseWriter errors,
            RouteAuthenticationManagerResolver authenticationManagers) {
        ChallengeEntryPoint challenge = new ChallengeEntryPoint(errors);
        InsufficientScopeHandler insufficientScope = new InsufficientScopeHandler(errors);
        ServerWebExchangeMatcher mcpEndpoints =
                exchange -> ExchangeRoutes.route(exchange).isPresent() ? MatchResult.match() : MatchResult.notMatch();
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Proxied responses keep the upstream's caching headers; the gateway sets its own where it answers.
                .headers(headers -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(mcpEndpoints)
                        .access(new RouteScopeAuthorizationManager())
                        .anyExchange()
                        .permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(new RouteBearerTokenConverter())
                        .authenticationManagerResolver(authenticationManagers)
                        .authenticationEntryPoint(challenge)
                        .accessDeniedHandler(insufficientScope))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(challenge).accessDeniedHandler(insufficientScope))
                .build();
    }
}
