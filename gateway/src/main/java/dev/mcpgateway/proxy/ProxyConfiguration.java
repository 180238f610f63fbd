package dev.mcpgateway.proxy;

import dev.mcpgateway.authz.ToolSteps;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.mcp.McpSteps;
import dev.mcpgateway.mrtr.RequestStateSteps;
import dev.mcpgateway.ratelimit.RateLimitSteps;
import dev.mcpgateway.resilience.ResilienceSteps;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;

/**
 * The proxy: each route compiled into its pipeline, the routing filter that calls the upstream, and the header
 * filters that decide what crosses in each direction. A configuration reload recompiles the routes and refreshes
 * Spring Cloud Gateway's route cache before the new configuration goes live.
 */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

    @Bean
    McpRouteLocator mcpRouteLocator(
            GatewayConfigStore store,
            McpSteps mcp,
            ToolSteps tools,
            RequestStateSteps requestState,
            RateLimitSteps rateLimits,
            ResilienceSteps resilience,
            HttpClient httpClient,
            ApplicationEventPublisher events) {
        return new McpRouteLocator(
                store,
                new McpRouteLocator.Steps(mcp, tools, requestState, rateLimits, resilience),
                httpClient,
                locator -> events.publishEvent(new RefreshRoutesEvent(locator)));
    }

    /** Replaces Spring Cloud Gateway's routing filter, turned off in {@code application.yml}. */
    @Bean
    McpRoutingFilter mcpRoutingFilter() {
        return new McpRoutingFilter();
    }

    /** Replaces Spring Cloud Gateway's response writer, which it only registers together with its routing filter. */
    @Bean
    UpstreamAnswerWriter upstreamAnswerWriter(GatewayProperties properties) {
        return new UpstreamAnswerWriter(properties.getStreamingMediaTypes());
    }
}
