package dev.mcpgateway.proxy;

import dev.mcpgateway.authz.ChallengeEntryPoint;
import dev.mcpgateway.authz.InsufficientScopeHandler;
import dev.mcpgateway.authz.RouteScopeAuthorizationManager;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.observability.DecisionRecorder;
import dev.mcpgateway.observability.ObservabilitySteps;
import dev.mcpgateway.ratelimit.RateLimitSteps;
import dev.mcpgateway.resilience.ResilienceSteps;
import dev.mcpgateway.token.QueryTokenFilter;
import dev.mcpgateway.token.RouteAuthenticationManagerResolver;
import dev.mcpgateway.token.RouteBearerTokenConverter;
import dev.mcpgateway.web.CorsPolicy;
import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.OriginFilter;
import dev.mcpgateway.web.RouteResolutionFilter;
import dev.mcpgateway.web.RoutedExchange;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;

/**
 * The pipeline before routing (DESIGN.md §2 steps −1 to 5), as one Spring Security filter chain: each of the gateway's
 * own steps sits at the position of the security filter it must precede or follow, so the chain reads in execution
 * order and no step carries a number of its own.
 *
 * <ol>
 *   <li>{@link SecurityWebFiltersOrder#FIRST}: HTTP framing ({@link HttpFramingFilter}): ambiguous body lengths,
 *       protocol switches and tunnels are refused before anything reads the request;</li>
 *   <li>right after it, route resolution ({@link RouteResolutionFilter}): the configuration snapshot and the route
 *       are pinned to the exchange, so a reload never changes the rules of a request in flight;</li>
 *   <li>after it, the decision recorder ({@link DecisionRecorder}): whatever step answers, the answer is counted,
 *       timed, audited and traced;</li>
 *   <li>before {@link SecurityWebFiltersOrder#CORS}, Origin ({@link OriginFilter}): a disallowed browser origin gets
 *       {@code 403} before it can learn anything from a challenge (DNS rebinding);</li>
 *   <li>{@link SecurityWebFiltersOrder#CORS}: Spring's {@code CorsWebFilter} with the gateway's {@link CorsPolicy}:
 *       preflights answered without a token, CORS headers on every answer, challenges included;</li>
 *   <li>right after CORS, admission: {@code 503} once a graceful shutdown has begun, readable by browsers;</li>
 *   <li>before {@link SecurityWebFiltersOrder#HTTP_BASIC} (off), the query-token refusal ({@link QueryTokenFilter}):
 *       {@code 400}, the token never validated;</li>
 *   <li>before {@link SecurityWebFiltersOrder#AUTHENTICATION}, the per-address limit on traffic that does not
 *       authenticate: a flood of bad tokens is cut before it costs a validation;</li>
 *   <li>{@link SecurityWebFiltersOrder#AUTHENTICATION}: the bearer token, validated for the route's resource
 *       ({@link RouteAuthenticationManagerResolver}); failures are challenged by {@link ChallengeEntryPoint};</li>
 *   <li>{@link SecurityWebFiltersOrder#AUTHORIZATION}: the route's baseline scopes
 *       ({@link RouteScopeAuthorizationManager}), {@code 403 insufficient_scope} otherwise; everything that is not an
 *       MCP endpoint (discovery, health, unknown paths) is public;</li>
 *   <li>right after authorization, the refund of the per-address token: a request that authenticated is not counted
 *       against its address.</li>
 * </ol>
 *
 * <p>Stateless: no session, no saved request, no CSRF (bearer tokens are not ambient credentials), no basic or form
 * login, no anonymous principal. What follows routing is each route's pipeline, built by {@link McpRouteLocator}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurityConfiguration {

    /**
     * Spring Security's strict firewall (methods, encoded slashes, dots, semicolons, control characters in paths),
     * with the same header and parameter-name rules tested without regular expressions ({@link FieldCharacters}).
     */
    @Bean
    ServerWebExchangeFirewall requestFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(FieldCharacters::isAllowedName);
        firewall.setAllowedHeaderValues(FieldCharacters::isAllowedValue);
        firewall.setAllowedParameterNames(FieldCharacters::isAllowedName);
        return firewall;
    }

    /** The security chain's filters run without a Reactor checkpoint each ({@link PlainSecurityFilterChain}). */
    @Bean
    static BeanPostProcessor plainSecurityFilterChain() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof WebFilterChainProxy proxy) {
                    proxy.setFilterChainDecorator(new PlainSecurityFilterChain());
                }
                return bean;
            }
        };
    }

    @Bean
    SecurityWebFilterChain gatewaySecurityChain(
            ServerHttpSecurity http,
            GatewayConfigStore configs,
            ErrorResponseWriter errors,
            ResilienceSteps resilience,
            RateLimitSteps rateLimits,
            ObservabilitySteps observability,
            RouteAuthenticationManagerResolver authenticationManagers) {
        ChallengeEntryPoint challenge = new ChallengeEntryPoint(errors);
        InsufficientScopeHandler insufficientScope = new InsufficientScopeHandler(errors);
        ServerWebExchangeMatcher mcpEndpoints =
                exchange -> RoutedExchange.route(exchange).isPresent() ? MatchResult.match() : MatchResult.notMatch();
        return http.addFilterAt(new HttpFramingFilter(errors), SecurityWebFiltersOrder.FIRST)
                .addFilterAfter(new RouteResolutionFilter(configs), SecurityWebFiltersOrder.FIRST)
                .addFilterAfter(observability.decisions(), SecurityWebFiltersOrder.FIRST)
                .addFilterBefore(new OriginFilter(errors), SecurityWebFiltersOrder.CORS)
                .cors(cors -> cors.configurationSource(new CorsPolicy()))
                .addFilterAfter(resilience.admission(), SecurityWebFiltersOrder.CORS)
                .addFilterBefore(new QueryTokenFilter(errors), SecurityWebFiltersOrder.HTTP_BASIC)
                .addFilterBefore(rateLimits.unauthenticatedLimit(), SecurityWebFiltersOrder.AUTHENTICATION)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(new RouteBearerTokenConverter())
                        .authenticationManagerResolver(authenticationManagers)
                        .authenticationEntryPoint(challenge)
                        .accessDeniedHandler(insufficientScope))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(mcpEndpoints)
                        .access(new RouteScopeAuthorizationManager())
                        .anyExchange()
                        .permitAll())
                .addFilterAfter(rateLimits.unauthenticatedRefund(), SecurityWebFiltersOrder.AUTHORIZATION)
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(challenge).accessDeniedHandler(insufficientScope))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Proxied responses keep the upstream's caching headers; the gateway sets its own where it answers.
                .headers(headers -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
                .build();
    }
}
