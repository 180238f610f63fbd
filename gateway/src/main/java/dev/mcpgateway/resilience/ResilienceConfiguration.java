package dev.mcpgateway.resilience;

import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.token.RouteTokenVerifier;
import dev.mcpgateway.web.ErrorResponseWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Pipeline step 10 (DESIGN.md §2), upstream failure answers, stream lifetime, graceful shutdown and health. */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    @Bean
    UpstreamGuards upstreamGuards(GatewayConfigStore store, MeterRegistry registry) {
        return new UpstreamGuards(store, Clock.systemUTC(), registry);
    }

    @Bean
    UpstreamErrorHandler upstreamErrorHandler(ErrorResponseWriter errors) {
        return new UpstreamErrorHandler(errors);
    }

    @Bean
    ResilienceSteps resilienceSteps(UpstreamGuards guards, DrainState drain, ErrorResponseWriter errors) {
        return new ResilienceSteps(guards, drain, errors, Clock.systemUTC());
    }

    @Bean
    DrainState drainState() {
        return new DrainState();
    }

    @Bean
    GracefulDrain gracefulDrain(
            DrainState drain,
            ApplicationEventPublisher events,
            @Value("${gateway.shutdown-grace-period:20s}") Duration gracePeriod) {
        return new GracefulDrain(drain, events, gracePeriod);
    }

    @Bean
    SigningKeysHealthIndicator signingKeysHealthIndicator(Supplier<RouteTokenVerifier> verifier) {
        return new SigningKeysHealthIndicator(() -> verifier.get().keySetStatus());
    }
}
