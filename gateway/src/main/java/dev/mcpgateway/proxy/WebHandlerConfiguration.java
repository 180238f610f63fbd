package dev.mcpgateway.proxy;

import java.util.List;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebExceptionHandler;

/** How the web handler around the gateway's filter chains is assembled. */
@Configuration(proxyBeanMethods = false)
class WebHandlerConfiguration {

    /**
     * The exception handlers (the gateway's upstream-error handler, Spring Boot's error handler, the response-status
     * handler) run as one {@link ExceptionHandlerSequence}, in their order.
     */
    @Bean
    WebHttpHandlerBuilderCustomizer exceptionHandlersInOneLayer() {
        return builder -> builder.exceptionHandlers(handlers -> {
            if (handlers.size() > 1) {
                List<WebExceptionHandler> inOrder = List.copyOf(handlers);
                handlers.clear();
                handlers.add(new ExceptionHandlerSequence(inOrder));
            }
        });
    }
}
