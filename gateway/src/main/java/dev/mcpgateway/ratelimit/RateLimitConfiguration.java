package dev.mcpgateway.ratelimit;

import dev.mcpgateway.authz.ErrorResponseWriter;
import dev.mcpgateway.config.GatewayConfigStore;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Rate-limit beans: the per-client limit before authentication and the tenant limit after it. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /** Bounds the memory of each bucket cache (a bucket is a few hundred bytes). */
    private static final long MAX_BUCKETS = 100_000;

    @Bean
    RateLimitMetrics rateLimitMetrics(MeterRegistry registry) {
        return new RateLimitMetrics(registry);
    }

    @Bean
    RateLimitAnswers rateLimitAnswers(ErrorResponseWriter errors) {
        return new RateLimitAnswers(errors);
    }

    @Bean
    CurrentRateLimitStore currentRateLimitStore(GatewayConfigStore configs, RateLimitMetrics metrics) {
        CurrentRateLimitStore store = new CurrentRateLimitStore(
                configs,
                new LocalBucketStore(MAX_BUCKETS, TimeMeter.SYSTEM_MILLISECONDS),
                RedisBucketStore::new,
                metrics,
                new StoreOutageLog(Clock.systemUTC()));
        metrics.storeAvailability(store);
        return store;
    }

    @Bean
    RateLimitStoreHealthIndicator rateLimitStoreHealthIndicator(CurrentRateLimitStore store) {
        return new RateLimitStoreHealthIndicator(store);
    }

    @Bean
    TenantRateLimitFilter tenantRateLimitFilter(
            CurrentRateLimitStore store, RateLimitAnswers answers, RateLimitMetrics metrics) {
        return new TenantRateLimitFilter(store, answers, metrics);
    }

    /** Client-address buckets, kept apart from tenant buckets so that address spraying cannot evict those. */
    @Bean
    LocalBucketStore clientAddressBuckets() {
        return new LocalBucketStore(MAX_BUCKETS, TimeMeter.SYSTEM_MILLISECONDS);
    }

    @Bean
    UnauthenticatedRateLimitFilter unauthenticatedRateLimitFilter(
            LocalBucketStore clientAddressBuckets, RateLimitAnswers answers, RateLimitMetrics metrics) {
        return new UnauthenticatedRateLimitFilter(clientAddressBuckets, answers, metrics);
    }

    @Bean
    UnauthenticatedRefundFilter unauthenticatedRefundFilter(LocalBucketStore clientAddressBuckets) {
        return new UnauthenticatedRefundFilter(clientAddressBuckets);
    }
}
