package dev.mcpgateway.config;

import dev.mcpgateway.config.GatewayRateLimits.OnStoreFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the rate-limit keys of {@code routes.yaml}: {@code gateway.rate-limit-store},
 * {@code gateway.rate-limit-on-store-failure}, {@code gateway.unauthenticated-rate-limit},
 * {@code gateway.trusted-proxies}, and per route {@code tenant-claim} and {@code rate-limit}.
 * Problems are recorded at their key path like every other key.
 */
final class RateLimitConfigReader {

    private static final Set<String> PLAN_KEYS = Set.of("capacity", "refill");
    /** Far above any real rate limit, and small enough that no bucket arithmetic can overflow. */
    private static final long MAX_COUNT = 1_000_000_000L;

    private static final Set<String> ROUTE_KEYS = Set.of("default", "tenants", "tools");
    private static final Pattern REFILL = Pattern.compile("(\\d+)\\s*/\\s*(\\S+)");
    /** A JWT claim name (RFC 7519 §4): any string, but a blank or oddly spaced one is surely a typo. */
    private static final Pattern CLAIM_NAME = Pattern.compile("\\S+");

    private RateLimitConfigReader() {}

    static GatewayRateLimits gateway(ConfigNode gateway) {
        ConfigNode store = gateway.get("rate-limit-store");
        RedisUri redis = store.text()
                .filter(text -> !text.trim().equals("memory"))
                .flatMap(text -> store.as(RedisUri::parse))
                .orElse(null);
        OnStoreFailure onFailure = gateway.get("rate-limit-on-store-failure")
                .as(RateLimitConfigReader::onStoreFailure)
                .orElse(OnStoreFailure.ALLOW);
        ConfigNode unauthenticated = gateway.get("unauthenticated-rate-limit");
        RateLimitPlan unauthenticatedPlan = GatewayRateLimits.DEFAULT_UNAUTHENTICATED;
        if (unauthenticated.isScalar()) {
            // YAML 1.1 reads a bare off as false.
            unauthenticated
                    .text()
                    .filter(text -> !text.trim().equals("off") && !text.trim().equals("false"))
                    .ifPresent(text ->
                            unauthenticated.problem("must be a plan like { capacity: 120, refill: 120/1m } or off"));
            unauthenticatedPlan = null;
        } else if (unauthenticated.isPresent()) {
            unauthenticatedPlan = plan(unauthenticated).orElse(null);
        }
        return new GatewayRateLimits(redis, onFailure, unauthenticatedPlan);
    }

    static List<Cidr> trustedProxies(ConfigNode node) {
        List<Cidr> proxies = new ArrayList<>();
        node.items().forEach(item -> item.as(Cidr::parse).ifPresent(proxies::add));
        return proxies;
    }

    static @Nullable String tenantClaim(ConfigNode node) {
        return node.as(text -> {
                    if (!CLAIM_NAME.matcher(text).matches()) {
                        throw new IllegalArgumentException("'" + text + "' is not a claim name (e.g. org_id, tid)");
                    }
                    return text;
                })
                .orElse(null);
    }

    static RouteRateLimits route(ConfigNode node) {
        if (!node.isMapping()) {
            return RouteRateLimits.NONE;
        }
        node.allowOnly(ROUTE_KEYS);
        RateLimitPlan defaultPlan =
                node.get("default").isPresent() ? plan(node.get("default")).orElse(null) : null;
        return new RouteRateLimits(defaultPlan, plans(node.get("tenants")), plans(node.get("tools")));
    }

    private static Map<String, RateLimitPlan> plans(ConfigNode node) {
        Map<String, RateLimitPlan> plans = new LinkedHashMap<>();
        node.entries().forEach((name, plan) -> plan(plan).ifPresent(value -> plans.put(name, value)));
        return plans;
    }

    /** {@code { capacity: 120, refill: 60/1m }}. */
    private static Optional<RateLimitPlan> plan(ConfigNode node) {
        if (!node.isMapping()) {
            node.problem("must be a plan like { capacity: 120, refill: 60/1m }");
            return Optional.empty();
        }
        node.allowOnly(PLAN_KEYS);
        Optional<Long> capacity = node.get("capacity").required(RateLimitConfigReader::count);
        Optional<Refill> refill = node.get("refill").required(RateLimitConfigReader::refill);
        if (capacity.isEmpty() || refill.isEmpty()) {
            return Optional.empty();
        }
        if (capacity.get() > MAX_COUNT || refill.get().tokens() > MAX_COUNT) {
            node.problem("capacity and refill tokens must be at most " + MAX_COUNT);
            return Optional.empty();
        }
        return Optional.of(new RateLimitPlan(
                capacity.get(), refill.get().tokens(), refill.get().period()));
    }

    private static long count(String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' must be a whole number of at least 1");
    }

    /** {@code <tokens>/<duration>}, e.g. {@code 60/1m}, {@code 5/30s}, {@code 1000/PT1H}. */
    private static Refill refill(String text) {
        Matcher matcher = REFILL.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a refill rate (use <tokens>/<duration>, e.g. 60/1m)");
        }
        long tokens = count(matcher.group(1));
        Duration period = Durations.parse(matcher.group(2));
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' needs a positive period");
        }
        if (period.compareTo(Duration.ofNanos(Math.min(tokens, MAX_COUNT))) < 0) {
            throw new IllegalArgumentException("'" + text + "' refills more than one token per nanosecond");
        }
        return new Refill(tokens, period);
    }

    private static OnStoreFailure onStoreFailure(String text) {
        return switch (text.trim()) {
            case "allow" -> OnStoreFailure.ALLOW;
            case "deny" -> OnStoreFailure.DENY;
            default -> throw new IllegalArgumentException("'" + text + "' must be allow or deny");
        };
    }

    private record Refill(long tokens, Duration period) {}
}
