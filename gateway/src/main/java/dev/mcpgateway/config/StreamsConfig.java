package dev.mcpgateway.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Behaviour of long-lived response streams (server-sent events) on a route.
 *
 * @param keepAlive          after this much silence on an SSE response, the gateway writes a {@code : keep-alive}
 *                           comment line (WHATWG HTML §9.2.6: comment lines are ignored by clients) so load balancers
 *                           and ingresses do not drop the idle connection; {@code null} when off
 * @param closeOnTokenExpiry whether a GET stream is ended when the access token that opened it expires, so the client
 *                           reconnects with a fresh token and {@code Last-Event-ID}
 */
public record StreamsConfig(@Nullable Duration keepAlive, boolean closeOnTokenExpiry) {

    public static final StreamsConfig DEFAULTS = new StreamsConfig(null, true);

    public boolean keepAliveEnabled() {
        return keepAlive != null;
    }
}
