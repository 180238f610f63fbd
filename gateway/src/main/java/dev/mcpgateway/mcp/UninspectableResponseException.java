package dev.mcpgateway.mcp;

import java.io.IOException;

/**
 * An upstream response the gateway refuses to pass on: one it must inspect (to filter a tool list, to rewrite a
 * legacy {@code endpoint} event) but cannot read the way a client would (compressed, ambiguous, beyond the size
 * limit), or one that breaks the protocol in a way that would hurt the client (a session id already bound to
 * another principal, an authentication challenge of the upstream's own). The gateway fails closed: the client gets
 * {@code 502} (a broken upstream response), or a stream cut before the offending event; never the content.
 */
public final class UninspectableResponseException extends IOException {

    public UninspectableResponseException(String message) {
        super(message);
    }
}
