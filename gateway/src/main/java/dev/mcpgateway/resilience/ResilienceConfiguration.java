package dev.mcpgateway.resilience;

import dev.mcpgateway.authz.ErrorResponseWriter;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.token.CurrentAccessTokenVerifier;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Pipeline step 10 (DESIGN.md §2), upstream failure answers, stream lifetime, graceful shutdown and health. */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    @Bean
    UpstreamGuards upstreamGuards(GatewayConfigStore store) {
        return new UpstreamGuards(store, Clock.systemUTC());
    }

    @Bean
    ExchangeCompletion exchangeCompletion() {
        return new ExchangeCompletion();
    }

    @Bean
    BulkheadFilter bulkheadFilter(UpstreamGuards guards) {
        return new BulkheadFilter(guards);
    }

    @Bean
    CircuitBreakerFilter circuitBreakerFilter(UpstreamGuards guards) {
        return new CircuitBreakerFilter(guards);
    }

    @Bean
    ConnectRetryFilter connectRetryFilter() {
        return new ConnectRetryFilter();
    }

    @Bean
    UpstreamErrorHandler upstreamErrorHandler(ErrorResponseWriter errors) {
        return new UpstreamErrorHandler(errors);
    }

    @Bean
    KeepAliveFilter keepAliveFilter() {
        return new KeepAliveFilter();
    }

    @Bean
    DrainState drainState() {
        return new DrainState();
    }

    @Bean
    StreamLifetimeFilter streamLifetimeFilter(DrainState drain) {
        return new StreamLifetimeFilter(drain, Clock.systemUTC());
    }

    @Bean
    AdmissionFilter admissionFilter(DrainState drain, ErrorResponseWriter errors) {
        return new AdmissionFilter(drain, errors);
    }

    @Bean
    GracefulDrain gracefulDrain(
            DrainState drain,
            ApplicationEventPublisher events,
            @Value("${gateway.shutdown-grace-period:20s}") Duration gracePeriod) {
        return new GracefulDrain(drain, events, gracePeriod);
    }

    @Bean
    SigningKeysHealthIndicator signingKeysHealthIndicator(CurrentAccessTokenVerifier verifier) {
        return new SigningKeysHealthIndicator(() -> verifier.get().keySetStatus());
    }
}
