package dev.mcpgateway.resilience;

import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.RoutedExchange;
import dev.mcpgateway.web.StreamExchange;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Admits MCP requests while the gateway runs and refuses them once a graceful shutdown has begun: {@code 503}
 * with {@code Connection: close}, so the client's next attempt opens a connection to another replica. Counts the
 * calls and streams in flight, which the shutdown waits for. Health and discovery requests are not affected, so
 * readiness can report the shutdown.
 */
public final class AdmissionFilter implements WebFilter {

    private final DrainState drain;
    private final ErrorResponseWriter errors;

    public AdmissionFilter(DrainState drain, ErrorResponseWriter errors) {
        this.drain = drain;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (RoutedExchange.route(exchange).isEmpty()) {
            return chain.filter(exchange);
        }
        if (drain.isDraining()) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(HttpHeaders.CONNECTION, "close");
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return errors.write(exchange, UpstreamErrors.shuttingDown());
        }
        RequestKind kind = RequestKind.of(exchange);
        drain.opened(kind);
        AtomicBoolean becameStream = new AtomicBoolean();
        // A listen POST is known as a stream only once its body is read: then it stops holding the drain's calls.
        StreamExchange.onStream(exchange, () -> {
            if (kind == RequestKind.CALL && becameStream.compareAndSet(false, true)) {
                drain.opened(RequestKind.STREAM);
                drain.closed(RequestKind.CALL);
            }
        });
        return chain.filter(exchange).doFinally(signal -> drain.closed(becameStream.get() ? RequestKind.STREAM : kind));
    }
}
