package dev.mcpgateway.warmup;

import dev.mcpgateway.config.GatewayConfigStore;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The warm-up before readiness ({@code gateway.warm-up.*}); its readiness contributor is always there. */
@Configuration(proxyBeanMethods = false)
class WarmUpConfiguration {

    /** Named for the readiness group ({@code management.endpoint.health.group.readiness.include}). */
    @Bean
    GatewayWarmUp warmUpReadiness(
            GatewayConfigStore store,
            @Value("${gateway.warm-up.duration:0s}") Duration duration,
            @Value("${gateway.warm-up.connections:16}") int connections,
            @Value("${gateway.warm-up.max-requests:2000000}") long maxRequests) {
        return new GatewayWarmUp(store, new WarmUpSettings(duration, connections, maxRequests));
    }
}
