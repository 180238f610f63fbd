package dev.mcpgateway.mcp;

import java.io.IOException;

/**
 * An upstream response the gateway must inspect (to filter a tool list, to rewrite a legacy
 * {@code endpoint} event) but cannot read: compressed, or an event or body beyond the size limit.
 * The gateway fails closed: the client gets {@code 502} (a broken upstream response), never the
 * unfiltered content.
 */
public final class UninspectableResponseException extends IOException {

    public UninspectableResponseException(String message) {
        super(message);
    }
}
