package dev.mcpgateway.proxy;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's default response headers but for {@code Cache-Control} (proxied responses keep the upstream's
 * caching headers): {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY},
 * {@code X-XSS-Protection: 0}, {@code Referrer-Policy: no-referrer}, each unless the answer already has it, and
 * {@code Strict-Transport-Security} on HTTPS (Spring's writer). Written in one synchronous pass, where Spring's
 * composite writer runs a {@code Flux} over one writer per header for every answer.
 */
final class HardeningHeaders implements ServerHttpHeadersWriter {

    private static final String[][] FIELDS = {
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"X-XSS-Protection", "0"},
        {"Referrer-Policy", "no-referrer"}
    };

    private final ServerHttpHeadersWriter hsts = new StrictTransportSecurityServerHttpHeadersWriter();

    @Override
    public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        for (String[] field : FIELDS) {
            if (!headers.containsHeader(field[0])) {
                headers.put(field[0], List.of(field[1]));
            }
        }
        return hsts.writeHttpHeaders(exchange);
    }
}
