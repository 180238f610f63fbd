package dev.mcpgateway.resilience;

import java.time.Duration;

/**
 * The gateway declined to contact a route's upstream (open circuit, full bulkhead). Carries no stack trace: it is a
 * routine answer under load, rendered as {@code 503} with {@code Retry-After}.
 */
public final class UpstreamRefusedException extends RuntimeException {

    private final transient UpstreamFailure failure;
    private final transient Duration retryAfter;

    public UpstreamRefusedException(UpstreamFailure failure, String routeId, Duration retryAfter) {
        super(failure + " on route " + routeId, null, false, false);
        this.failure = failure;
        this.retryAfter = retryAfter;
    }

    public UpstreamFailure failure() {
        return failure;
    }

    /** RFC 9110 §10.2.3: when a retry may succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
