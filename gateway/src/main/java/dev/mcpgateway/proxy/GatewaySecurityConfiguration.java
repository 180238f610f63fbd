package dev.mcpgateway.proxy;

import dev.mcpgateway.authz.ChallengeEntryPoint;
import dev.mcpgateway.authz.InsufficientScopeHandler;
import dev.mcpgateway.authz.RouteAccessFilter;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.observability.DecisionRecorder;
import dev.mcpgateway.observability.ObservabilitySteps;
import dev.mcpgateway.ratelimit.RateLimitSteps;
import dev.mcpgateway.resilience.ResilienceSteps;
import dev.mcpgateway.token.QueryTokenFilter;
import dev.mcpgateway.token.RouteTokenAuthenticator;
import dev.mcpgateway.web.CorsPolicy;
import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.OriginFilter;
import dev.mcpgateway.web.RouteResolutionFilter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.HttpStatusExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.web.cors.reactive.CorsWebFilter;

/**
 * The pipeline before routing (DESIGN.md §2 steps −1 to 5), as one Spring Security filter chain whose filters are
 * listed in {@link #gatewaySecurityChain} in execution order, one step per line:
 *
 * <ol>
 *   <li>HTTP framing ({@link HttpFramingFilter}): ambiguous body lengths, protocol switches and tunnels are refused
 *       before anything reads the request;</li>
 *   <li>route resolution ({@link RouteResolutionFilter}): the configuration snapshot and the route are pinned to the
 *       exchange, so a reload never changes the rules of a request in flight;</li>
 *   <li>the decision recorder ({@link DecisionRecorder}): whatever step answers, the answer is counted, timed,
 *       audited and traced;</li>
 *   <li>Spring Security's hardening headers ({@link HttpHeaderWriterWebFilter} with {@link HardeningHeaders}: its
 *       defaults but for {@code Cache-Control}, as proxied responses keep the upstream's caching headers);</li>
 *   <li>Origin ({@link OriginFilter}): a disallowed browser origin gets {@code 403} before it can learn anything
 *       from a challenge (DNS rebinding);</li>
 *   <li>CORS: Spring's {@link CorsWebFilter} with the gateway's {@link CorsPolicy}: preflights answered without a
 *       token, CORS headers on every answer, challenges included;</li>
 *   <li>admission: {@code 503} once a graceful shutdown has begun, readable by browsers;</li>
 *   <li>the query-token refusal ({@link QueryTokenFilter}): {@code 400}, the token never validated;</li>
 *   <li>the per-address limit on traffic that does not authenticate: a flood of bad tokens is cut before it costs a
 *       validation;</li>
 *   <li>authentication and baseline scopes ({@link RouteAccessFilter}): the bearer token validated for the route's
 *       resource, challenged by {@link ChallengeEntryPoint} or {@link InsufficientScopeHandler};</li>
 *   <li>the refund of the per-address token: a request that authenticated is not counted against its address.</li>
 * </ol>
 *
 * <p>Stateless, and without the filters {@link ServerHttpSecurity} would add for sessions, saved requests, CSRF
 * (bearer tokens are not ambient credentials), logins, an anonymous principal or a reactive security context: the
 * chain holds exactly the steps above, behind Spring Security's strict firewall, in a {@link WebFilterChainProxy}
 * that knows there is one chain ({@link SingleChainSecurityProxy}). What follows routing is each route's pipeline,
 * built by {@link McpRouteLocator}.
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

    /**
     * Spring Security's proxy is replaced by {@link SingleChainSecurityProxy}: the same firewall and rejection
     * handling, then the one chain below, its filters run without a Reactor checkpoint each
     * ({@link PlainSecurityFilterChain}) and without choosing a chain per request.
     */
    @Bean
    static BeanPostProcessor singleChainSecurityProxy(
            ObjectProvider<SecurityWebFilterChain> chain,
            ObjectProvider<ServerWebExchangeFirewall> firewall,
            ObjectProvider<ServerExchangeRejectedHandler> rejectedHandler) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof WebFilterChainProxy && !(bean instanceof SingleChainSecurityProxy)) {
                    if (!(chain.getObject() instanceof EveryExchangeSecurityChain only)) {
                        throw new IllegalStateException(
                                "The gateway runs exactly one security chain, for every exchange; found another kind");
                    }
                    return new SingleChainSecurityProxy(
                            only,
                            firewall.getObject(),
                            rejectedHandler.getIfAvailable(HttpStatusExchangeRejectedHandler::new));
                }
                return bean;
            }
        };
    }

    /** The only security chain: it matches every exchange, which {@link SingleChainSecurityProxy} relies on. */
    @Bean
    SecurityWebFilterChain gatewaySecurityChain(
            GatewayConfigStore configs,
            ErrorResponseWriter errors,
            ResilienceSteps resilience,
            RateLimitSteps rateLimits,
            ObservabilitySteps observability,
            RouteTokenAuthenticator authenticator) {
        return new EveryExchangeSecurityChain(List.of(
                new HttpFramingFilter(errors),
                new RouteResolutionFilter(configs),
                observability.decisions(),
                new HttpHeaderWriterWebFilter(new HardeningHeaders()),
                new OriginFilter(errors),
                new CorsWebFilter(new CorsPolicy()),
                resilience.admission(),
                new QueryTokenFilter(errors),
                rateLimits.unauthenticatedLimit(),
                new RouteAccessFilter(
                        authenticator, new ChallengeEntryPoint(errors), new InsufficientScopeHandler(errors)),
                rateLimits.unauthenticatedRefund()));
    }
}
