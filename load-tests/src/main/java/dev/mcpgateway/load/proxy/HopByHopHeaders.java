package dev.mcpgateway.load.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Copies headers from one HTTP/1.1 message to the next hop without the hop-by-hop ones (RFC 9110 §7.6.1):
 * the fixed list, every header {@code Connection} names, and {@code Host} (the client sets its own).
 */
final class HopByHopHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host");

    private HopByHopHeaders() {}

    static void copy(HttpHeaders from, HttpHeaders to) {
        Set<String> named = connectionOptions(from);
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !named.contains(name)) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    private static Set<String> connectionOptions(HttpHeaders headers) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection == null) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String option : connection.split(",")) {
            names.add(option.trim().toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
