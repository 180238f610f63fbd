package dev.mcpgateway.warmup;

import dev.mcpgateway.config.GatewayConfigStore;
import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The warm-up before readiness ({@code gateway.warm-up.*}); its readiness contributor is always there. */
@Configuration(proxyBeanMethods = false)
class WarmUpConfiguration {

    /** Named for the readiness group ({@code management.endpoint.health.group.readiness.include}). */
    @Bean
    GatewayWarmUp warmUpReadiness(GatewayConfigStore store, Environment environment) {
        return new GatewayWarmUp(store, settings(environment));
    }

    /** The settings; a value that does not read is refused naming its key (start-up fails with that message). */
    static WarmUpSettings settings(Environment environment) {
        return new WarmUpSettings(
                duration(environment, "gateway.warm-up.duration", "0s"),
                (int) number(environment, "gateway.warm-up.connections", "16"),
                number(environment, "gateway.warm-up.max-requests", "2000000"));
    }

    private static Duration duration(Environment environment, String key, String fallback) {
        String text = environment.getProperty(key, fallback).trim();
        try {
            return DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    key + ": '" + text + "' is not a duration (use 0s to turn it off, 30s, 1m or ISO-8601 like PT30S)");
        }
    }

    private static long number(Environment environment, String key, String fallback) {
        String text = environment.getProperty(key, fallback).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a whole number");
        }
    }
}
