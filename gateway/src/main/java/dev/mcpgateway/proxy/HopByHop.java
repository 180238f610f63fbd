package dev.mcpgateway.proxy;

import dev.mcpgateway.web.HeaderLists;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * Hop-by-hop fields (RFC 9110 §7.6.1): they describe one connection, so a proxy never passes them on, in either
 * direction, nor the fields a message's {@code Connection} nominates.
 */
final class HopByHop {

    /** The hop-by-hop fields by name, lower-cased ({@code Proxy-Connection} is the obsolete spelling some send). */
    static final Set<String> FIELDS =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade");

    private HopByHop() {}

    /** The field names the message's {@code Connection} fields list, lower-cased. */
    static Set<String> nominated(HttpHeaders headers) {
        return nominated(headers.getOrEmpty(HttpHeaders.CONNECTION));
    }

    /** The field names the given {@code Connection} field values list, lower-cased. */
    static Set<String> nominated(List<String> fields) {
        if (fields.isEmpty()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String element : HeaderLists.elements(fields)) {
            names.add(element.toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
