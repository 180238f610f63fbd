package dev.mcpgateway.resilience;

import dev.mcpgateway.token.JwksKeySource.KeySetStatus;

/**
 * How usable one authorization server's signing keys are. When the JWKS endpoint fails, keys read before keep
 * validating tokens (RFC 7517 keys do not expire by themselves), so the gateway is degraded, not down; only an
 * issuer whose keys were never readable makes its tokens unverifiable.
 */
public enum KeySetHealth {
    /** No token of this issuer has been seen yet, so its keys were never fetched. */
    NOT_USED_YET,
    /** The last fetch succeeded. */
    OK,
    /** The last fetch failed; cached keys still validate tokens. */
    DEGRADED,
    /** No key could ever be read: tokens of this issuer get {@code 503}. */
    UNAVAILABLE;

    public static KeySetHealth of(KeySetStatus status) {
        if (status.lastFailure() == null) {
            return status.lastSuccess() == null ? NOT_USED_YET : OK;
        }
        if (status.lastSuccess() != null && !status.lastFailure().isAfter(status.lastSuccess())) {
            return OK;
        }
        return status.keys() > 0 ? DEGRADED : UNAVAILABLE;
    }
}
