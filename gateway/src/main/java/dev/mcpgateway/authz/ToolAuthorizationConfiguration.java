package dev.mcpgateway.authz;

import dev.mcpgateway.web.ErrorResponseWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Per-tool and per-method authorization (pipeline step 9) and {@code tools/list} shaping (step 12). */
@Configuration(proxyBeanMethods = false)
class ToolAuthorizationConfiguration {

    @Bean
    ToolSteps toolSteps(ErrorResponseWriter errors) {
        return new ToolSteps(errors);
    }
}
