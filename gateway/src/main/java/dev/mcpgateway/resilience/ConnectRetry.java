package dev.mcpgateway.resilience;

/**
 * When the gateway may send a request to the upstream a second time. Only a failure to connect qualifies: then not
 * one byte of the request left the gateway, so even a {@code tools/call}, which must never run twice, is safe to
 * send again. Once a connection existed the request may have reached the upstream (a reset, a broken or missing
 * answer, a first-byte timeout) and is never replayed; the client decides. At most one retry.
 */
public final class ConnectRetry {

    private ConnectRetry() {}

    /**
     * @param error     why the attempt failed
     * @param attempt   1 for the first attempt
     * @param enabled   the route's {@code resilience.retry-connect}
     */
    public static boolean mayRetry(Throwable error, int attempt, boolean enabled) {
        return enabled && attempt == 1 && UpstreamFailure.of(error) == UpstreamFailure.UNREACHABLE;
    }
}
