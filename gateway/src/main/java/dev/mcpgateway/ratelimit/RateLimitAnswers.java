package dev.mcpgateway.ratelimit;

import dev.mcpgateway.authz.ErrorResponseWriter;
import dev.mcpgateway.authz.GatewayError;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The answers of the rate-limit steps. A refusal is {@code 429} (RFC 6585 §4) with
 * {@code Retry-After} in seconds (RFC 9110 §10.2.3), the RateLimit header fields of the bucket that
 * refused (see {@link RateLimitHeaders}), and a JSON-RPC error body carrying the request id and the
 * delay, written by {@link ErrorResponseWriter}. An allowed request's response carries the RateLimit
 * fields of every bucket it was charged to.
 */
final class RateLimitAnswers {

    private final ErrorResponseWriter errors;

    RateLimitAnswers(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    Mono<Void> tooManyRequests(ServerWebExchange exchange, Limit limit, Consumption refusal) {
        long retryAfter = RateLimitHeaders.retryAfterSeconds(refusal.nanosToRetry());
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        headers.set(RateLimitHeaders.POLICY, RateLimitHeaders.policy(limit.policy(), limit.plan()));
        headers.set(RateLimitHeaders.STATE, RateLimitHeaders.state(limit.policy(), 0, retryAfter));
        return errors.write(exchange, GatewayError.rateLimited(limit.policy(), retryAfter));
    }

    Mono<Void> storeUnavailable(ServerWebExchange exchange) {
        return errors.write(exchange, GatewayError.rateLimitStoreUnavailable());
    }

    /**
     * Adds the fields when the response is committed. Added, not set: an upstream's own RateLimit fields
     * describe its own policies and stay (the field values are lists, RFC 9110 §5.3).
     */
    static void describeOnCommit(ServerWebExchange exchange, List<Charge> charges) {
        if (charges.isEmpty()) {
            return;
        }
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            for (Charge charge : charges) {
                headers.add(
                        RateLimitHeaders.POLICY,
                        RateLimitHeaders.policy(
                                charge.limit().policy(), charge.limit().plan()));
                headers.add(
                        RateLimitHeaders.STATE,
                        RateLimitHeaders.state(
                                charge.limit().policy(),
                                charge.consumption().remaining(),
                                RateLimitHeaders.seconds(charge.consumption().nanosToFull())));
            }
            return Mono.empty();
        });
    }

    /** A bucket a request was charged to and what it answered. */
    record Charge(Limit limit, Consumption consumption) {}
}
