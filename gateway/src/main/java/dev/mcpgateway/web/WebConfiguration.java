package dev.mcpgateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one error writer every step answers through. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    ErrorResponseWriter errorResponseWriter() {
        return new ErrorResponseWriter();
    }
}
