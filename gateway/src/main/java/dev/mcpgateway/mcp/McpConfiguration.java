package dev.mcpgateway.mcp;

import dev.mcpgateway.authz.ErrorResponseWriter;
import dev.mcpgateway.config.GatewayConfigStore;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** MCP-aware steps: session binding (6), inspection (8) and the legacy HTTP+SSE transport. */
@Configuration(proxyBeanMethods = false)
class McpConfiguration {

    @Bean
    SessionStores sessionStores(GatewayConfigStore config) {
        return new SessionStores(config);
    }

    @Bean
    SessionBindingFilter sessionBindingFilter(SessionStores stores, ErrorResponseWriter errors) {
        return new SessionBindingFilter(stores, errors);
    }

    @Bean
    TransportRulesFilter transportRulesFilter(ErrorResponseWriter errors) {
        return new TransportRulesFilter(errors);
    }

    @Bean
    McpInspectionFilter mcpInspectionFilter(
            ErrorResponseWriter errors, @Value("${gateway.server.request-body-timeout:60s}") Duration bodyTimeout) {
        return new McpInspectionFilter(errors, bodyTimeout);
    }

    @Bean
    LegacySseStreamFilter legacySseStreamFilter(SessionStores stores) {
        return new LegacySseStreamFilter(stores);
    }

    @Bean
    LegacySessionFilter legacySessionFilter(SessionStores stores, ErrorResponseWriter errors) {
        return new LegacySessionFilter(stores, errors);
    }

    @Bean
    LegacyMessageForwardFilter legacyMessageForwardFilter() {
        return new LegacyMessageForwardFilter();
    }
}
