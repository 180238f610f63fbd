package dev.mcpgateway.observability;

import dev.mcpgateway.config.GatewayConfigStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's metrics, audit trail and tracing, recorded by one step ({@link DecisionRecorder}) that the security
 * chain places right after route resolution. Tracing is off unless {@code gateway.tracing.enabled} is true.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    GatewayMetrics gatewayMetrics(MeterRegistry registry, GatewayConfigStore store) {
        return new GatewayMetrics(registry, store);
    }

    @Bean
    ObservabilitySteps observabilitySteps(
            GatewayMetrics metrics,
            @Value("${gateway.tracing.enabled:false}") boolean tracingEnabled,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        RequestTracing tracing = tracingEnabled
                ? new RequestTracing(tracer.getIfAvailable(), propagator.getIfAvailable())
                : new RequestTracing();
        AuditOutput.install();
        return new ObservabilitySteps(new DecisionRecorder(metrics, new AuditLog(), tracing));
    }
}
