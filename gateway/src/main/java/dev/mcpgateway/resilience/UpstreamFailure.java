package dev.mcpgateway.resilience;

import io.netty.channel.ChannelException;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * What went wrong between the gateway and a route's upstream, in the terms a client can act on. Classifying an
 * error is a pure function of the exception and its causes.
 */
public enum UpstreamFailure {

    /** No connection could be made (refused, connect timeout, unknown host): nothing reached the upstream. */
    UNREACHABLE(HttpStatus.BAD_GATEWAY, "upstream_unreachable"),
    /** The connection broke, or the upstream answered with something that is not HTTP; it may have seen the request. */
    BROKEN_RESPONSE(HttpStatus.BAD_GATEWAY, "upstream_broken_response"),
    /** The response headers did not arrive within the route's {@code timeouts.first-byte}. */
    FIRST_BYTE_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout"),
    /** The circuit breaker is open: the upstream was not contacted. */
    CIRCUIT_OPEN(HttpStatus.SERVICE_UNAVAILABLE, "circuit_open"),
    /** The route's limit of concurrent calls is reached: the upstream was not contacted. */
    CALLS_FULL(HttpStatus.SERVICE_UNAVAILABLE, "too_many_calls"),
    /** The route's limit of open GET streams is reached: the upstream was not contacted. */
    STREAMS_FULL(HttpStatus.SERVICE_UNAVAILABLE, "too_many_streams"),
    /**
     * The connection pool to the upstream is exhausted (its {@code max-connections} in use, and none freed within the
     * acquire timeout, or too many requests already waiting): the upstream was not contacted.
     */
    CONNECTIONS_FULL(HttpStatus.SERVICE_UNAVAILABLE, "too_many_connections"),
    /** None of the above: a fault of the gateway itself. */
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error");

    private final HttpStatus status;
    private final String reason;

    UpstreamFailure(HttpStatus status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public HttpStatus status() {
        return status;
    }

    /** A stable, machine-readable code for {@code error.data.reason} of the JSON-RPC error body. */
    public String reason() {
        return reason;
    }

    /** Classifies {@code error} by itself and its causes; a refusal by the gateway wins, then the connect phase. */
    public static UpstreamFailure of(Throwable error) {
        if (error instanceof UpstreamRefusedException refused) {
            return refused.failure();
        }
        if (anyCause(error, UpstreamFailure::isPoolExhausted)) {
            return CONNECTIONS_FULL;
        }
        if (anyCause(error, UpstreamFailure::isConnectFailure)) {
            return UNREACHABLE;
        }
        if (anyCause(error, UpstreamFailure::isTimeout)) {
            return FIRST_BYTE_TIMEOUT;
        }
        if (anyCause(
                error,
                cause -> cause instanceof IOException
                        || cause instanceof ChannelException
                        || cause instanceof DecoderException)) {
            return BROKEN_RESPONSE;
        }
        return INTERNAL;
    }

    /**
     * Reactor Netty's pool refusals ({@code PoolAcquireTimeoutException}, which is also a {@link TimeoutException},
     * and {@code PoolAcquirePendingLimitException}) live in a shaded internal package with no public supertype of
     * their own, so they are told by their simple names.
     */
    private static boolean isPoolExhausted(Throwable cause) {
        String name = cause.getClass().getSimpleName();
        return name.equals("PoolAcquireTimeoutException") || name.equals("PoolAcquirePendingLimitException");
    }

    private static boolean isConnectFailure(Throwable cause) {
        return cause instanceof ConnectException || cause instanceof UnknownHostException;
    }

    /** Spring Cloud Gateway reports a first-byte timeout as {@code 504} wrapping its own {@code TimeoutException}. */
    private static boolean isTimeout(Throwable cause) {
        return cause instanceof ResponseStatusException status
                        && status.getStatusCode().value() == 504
                || cause instanceof TimeoutException
                || cause instanceof org.springframework.cloud.gateway.support.TimeoutException;
    }

    private static boolean anyCause(Throwable error, java.util.function.Predicate<Throwable> test) {
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
