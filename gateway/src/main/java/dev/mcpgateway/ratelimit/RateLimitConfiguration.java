package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.web.ErrorResponseWriter;
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
    RateLimitErrors rateLimitAnswers(ErrorResponseWriter errors) {
        return new RateLimitErrors(errors);
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

    /** Client-address buckets, kept apart from tenant buckets so that address spraying cannot evict those. */
    @Bean
    LocalBucketStore clientAddressBuckets() {
        return new LocalBucketStore(MAX_BUCKETS, TimeMeter.SYSTEM_MILLISECONDS);
    }

    @Bean
    RateLimitSteps rateLimitSteps(
            LocalBucketStore clientAddressBuckets,
            CurrentRateLimitStore store,
            RateLimitErrors answers,
            RateLimitMetrics metrics) {
        return new RateLimitSteps(clientAddressBuckets, store, answers, metrics);
    }
}
