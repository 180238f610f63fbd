package dev.mcpgateway.web;

import dev.mcpgateway.config.GatewayConfigStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared web steps every request passes: route resolution, Origin, CORS, and the one error writer. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    ErrorResponseWriter errorResponseWriter() {
        return new ErrorResponseWriter();
    }

    @Bean
    RouteResolutionFilter routeResolutionFilter(GatewayConfigStore store) {
        return new RouteResolutionFilter(store);
    }

    @Bean
    OriginFilter originFilter(ErrorResponseWriter errors) {
        return new OriginFilter(errors);
    }

    @Bean
    CorsPolicy corsPolicy() {
        return new CorsPolicy();
    }
}
