package dev.mcpgateway.mcp;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.Reloadable;
import dev.mcpgateway.config.SessionStoreConfig;
import dev.mcpgateway.web.ErrorResponseWriter;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** MCP-aware steps: session binding (6), inspection (8) and the legacy HTTP+SSE transport. */
@Configuration(proxyBeanMethods = false)
class McpConfiguration {

    @Bean
    Reloadable<SessionStoreConfig, SessionStore> sessionStore(GatewayConfigStore config) {
        return new Reloadable<>(config, GatewayConfig::sessionStore, SessionStore::of);
    }

    @Bean
    McpSteps mcpSteps(
            Supplier<SessionStore> stores,
            ErrorResponseWriter errors,
            @Value("${gateway.server.request-body-timeout:60s}") Duration bodyTimeout) {
        return new McpSteps(stores, errors, bodyTimeout);
    }
}
