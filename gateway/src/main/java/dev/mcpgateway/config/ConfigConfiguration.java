package dev.mcpgateway.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads {@code routes.yaml} at start-up (an invalid file stops the gateway) and watches it for changes. */
@Configuration(proxyBeanMethods = false)
class ConfigConfiguration {

    @Bean
    GatewayConfigStore gatewayConfigStore(@Value("${gateway.routes-file:routes.yaml}") Path routesFile) {
        return new GatewayConfigStore(routesFile, RoutesFileParser.withSystemEnvironment());
    }

    @Bean
    RoutesFileWatcher routesFileWatcher(
            GatewayConfigStore store, @Value("${gateway.routes-file-poll-interval:2s}") Duration pollInterval) {
        return new RoutesFileWatcher(store, pollInterval);
    }

    @Bean
    ExchangeRoutes exchangeRoutes(GatewayConfigStore store) {
        return new ExchangeRoutes(store);
    }
}
