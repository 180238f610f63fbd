package dev.mcpgateway.config;

import dev.mcpgateway.config.ResilienceConfig.BulkheadSettings;
import dev.mcpgateway.config.ResilienceConfig.CircuitBreakerSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Reads a route's {@code resilience}, {@code streams} and {@code audit} sections of {@code routes.yaml}; every value has a default. */
final class RouteResilienceReader {

    private static final Set<String> RESILIENCE_KEYS = Set.of("circuit-breaker", "bulkhead", "retry-connect");
    private static final Set<String> CIRCUIT_BREAKER_KEYS =
            Set.of("failure-rate-threshold", "minimum-calls", "sliding-window", "wait-in-open", "half-open-calls");
    private static final Set<String> BULKHEAD_KEYS = Set.of("max-concurrent-calls", "max-streams");
    private static final Set<String> STREAMS_KEYS = Set.of("keep-alive", "close-on-token-expiry");
    private static final Set<String> AUDIT_KEYS = Set.of("argument-names");
    private static final int MAX_COUNT = 100_000;
    private static final Set<String> OFF = Set.of("off", "false");

    private RouteResilienceReader() {}

    static ResilienceConfig resilience(ConfigNode node) {
        node.isMapping();
        node.allowOnly(RESILIENCE_KEYS);
        return new ResilienceConfig(
                circuitBreaker(node.get("circuit-breaker")),
                bulkhead(node.get("bulkhead")),
                bool(node.get("retry-connect")).orElse(ResilienceConfig.DEFAULTS.retryConnect()));
    }

    /** {@code audit.argument-names}: off unless the route opts in. */
    static boolean auditArgumentNames(ConfigNode node) {
        node.isMapping();
        node.allowOnly(AUDIT_KEYS);
        return bool(node.get("argument-names")).orElse(false);
    }

    static StreamsConfig streams(ConfigNode node) {
        node.isMapping();
        node.allowOnly(STREAMS_KEYS);
        return new StreamsConfig(
                keepAlive(node.get("keep-alive")),
                bool(node.get("close-on-token-expiry")).orElse(StreamsConfig.DEFAULTS.closeOnTokenExpiry()));
    }

    /** {@code off} (YAML 1.1 reads {@code off}, {@code no} and {@code false} alike as the boolean false) or a positive duration. */
    private static @Nullable Duration keepAlive(ConfigNode node) {
        Optional<String> text = node.text();
        if (text.isEmpty()) {
            return StreamsConfig.DEFAULTS.keepAlive();
        }
        if (OFF.contains(text.get().trim().toLowerCase(Locale.ROOT))) {
            return null;
        }
        Optional<Duration> keepAlive = node.as(Durations::parse);
        if (keepAlive.isPresent()
                && (keepAlive.get().isZero() || keepAlive.get().isNegative())) {
            node.problem("must be a positive duration or off");
            return null;
        }
        return keepAlive.orElse(null);
    }

    private static CircuitBreakerSettings circuitBreaker(ConfigNode node) {
        node.isMapping();
        node.allowOnly(CIRCUIT_BREAKER_KEYS);
        CircuitBreakerSettings defaults = CircuitBreakerSettings.DEFAULTS;
        int threshold = node.get("failure-rate-threshold").as(integer(1, 100)).orElse(defaults.failureRateThreshold());
        int window = node.get("sliding-window").as(integer(1, MAX_COUNT)).orElse(defaults.slidingWindow());
        ConfigNode minimumNode = node.get("minimum-calls");
        int minimum = minimumNode.as(integer(1, MAX_COUNT)).orElse(Math.min(defaults.minimumCalls(), window));
        if (minimum > window) {
            minimumNode.problem("must not exceed sliding-window (" + window + ")");
        }
        ConfigNode waitNode = node.get("wait-in-open");
        Duration wait = waitNode.as(Durations::parse).orElse(defaults.waitInOpen());
        if (wait.isZero() || wait.isNegative()) {
            waitNode.problem("must be a positive duration");
        }
        int halfOpen = node.get("half-open-calls").as(integer(1, MAX_COUNT)).orElse(defaults.halfOpenCalls());
        return new CircuitBreakerSettings(threshold, minimum, window, wait, halfOpen);
    }

    private static BulkheadSettings bulkhead(ConfigNode node) {
        node.isMapping();
        node.allowOnly(BULKHEAD_KEYS);
        BulkheadSettings defaults = BulkheadSettings.DEFAULTS;
        return new BulkheadSettings(
                node.get("max-concurrent-calls").as(integer(1, MAX_COUNT)).orElse(defaults.maxConcurrentCalls()),
                node.get("max-streams").as(integer(1, MAX_COUNT)).orElse(defaults.maxStreams()));
    }

    private static Function<String, Integer> integer(int min, int max) {
        return text -> {
            try {
                int value = Integer.parseInt(text.trim());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below, with the allowed range
            }
            throw new IllegalArgumentException("'" + text + "' must be a whole number from " + min + " to " + max);
        };
    }

    private static Optional<Boolean> bool(ConfigNode node) {
        return node.as(text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + text + "' must be true or false");
        });
    }
}
