package dev.mcpgateway.proxy;

import dev.mcpgateway.authz.ErrorResponseWriter;
import dev.mcpgateway.config.GatewayConfigStore;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The proxy's routes and filters; a configuration reload refreshes Spring Cloud Gateway's route cache. */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

    @Bean
    McpRouteLocator mcpRouteLocator(GatewayConfigStore store, ApplicationEventPublisher events) {
        store.onChange(config -> events.publishEvent(new RefreshRoutesEvent(store)));
        return new McpRouteLocator(store);
    }

    @Bean
    HttpFramingFilter httpFramingFilter(ErrorResponseWriter errors) {
        return new HttpFramingFilter(errors);
    }

    @Bean
    UpstreamRequestHeaders upstreamRequestHeaders() {
        return new UpstreamRequestHeaders();
    }

    @Bean
    UpstreamResponseHeaders upstreamResponseHeaders() {
        return new UpstreamResponseHeaders();
    }

    @Bean
    UpstreamStatusFilter upstreamStatusFilter() {
        return new UpstreamStatusFilter();
    }

    @Bean
    StreamingResponseFilter streamingResponseFilter() {
        return new StreamingResponseFilter();
    }
}
