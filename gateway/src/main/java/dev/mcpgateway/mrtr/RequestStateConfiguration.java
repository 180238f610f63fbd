package dev.mcpgateway.mrtr;

import dev.mcpgateway.mcp.SessionStore;
import dev.mcpgateway.web.ErrorResponseWriter;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Sealed request state of MCP 2026-07-28 multi round-trip requests. */
@Configuration(proxyBeanMethods = false)
class RequestStateConfiguration {

    @Bean
    RequestStateSteps requestStateSteps(ErrorResponseWriter errors, Supplier<SessionStore> stores) {
        return new RequestStateSteps(errors, Clock.systemUTC(), stores);
    }
}
