package dev.mcpgateway.resilience;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.RoutedExchange;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Turns every failure of a request to an MCP endpoint into a status and a JSON-RPC error an MCP client can show:
 * unreachable or broken upstream {@code 502}, open circuit or full bulkhead {@code 503} with {@code Retry-After},
 * first-byte timeout {@code 504} (see {@link UpstreamFailure}). It runs before Spring Boot's error handler, whose
 * body would name exception types and paths. The message names the route, never the upstream's address or a stack
 * trace; the log keeps the detail.
 *
 * <p>Once a response is committed (a stream broke after its first bytes) no status can be sent any more: the error
 * is passed on and the connection is closed, so the client sees a broken stream, not a clean end.
 */
public final class UpstreamErrorHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UpstreamErrorHandler.class);

    private final ErrorResponseWriter errors;

    public UpstreamErrorHandler(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        Optional<RouteConfig> route = RoutedExchange.route(exchange);
        if (route.isEmpty() || exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        UpstreamFailure failure = UpstreamFailure.of(error);
        if (failure == UpstreamFailure.INTERNAL && error instanceof ResponseStatusException chosen) {
            HttpStatus status = HttpStatus.resolve(chosen.getStatusCode().value());
            log.debug("Request on route '{}' answered {}", route.get().id(), chosen.getStatusCode());
            return errors.write(
                    exchange,
                    UpstreamErrors.status(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status, route.get()));
        }
        log(route.get(), failure, error);
        HttpHeaders headers = exchange.getResponse().getHeaders();
        if (error instanceof UpstreamRefusedException refused) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(wholeSeconds(refused.retryAfter())));
        } else if (failure == UpstreamFailure.CONNECTIONS_FULL) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        // A body that failed before its first byte leaves the upstream's headers on the response: drop them.
        Set<String> upstreamHeaders = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_HEADER_NAMES);
        if (upstreamHeaders != null) {
            upstreamHeaders.forEach(headers::remove);
        }
        return errors.write(exchange, UpstreamErrors.of(failure, route.get()));
    }

    private static long wholeSeconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    private static void log(RouteConfig route, UpstreamFailure failure, Throwable error) {
        switch (failure) {
            case CIRCUIT_OPEN, CALLS_FULL, STREAMS_FULL, CONNECTIONS_FULL ->
                log.debug("Refused a request on route '{}': {}", route.id(), failure);
            case INTERNAL -> log.error("Proxying a request on route '{}' failed", route.id(), error);
            default -> log.warn("Upstream of route '{}' failed: {} ({})", route.id(), failure, error.toString());
        }
    }

    /** Before Spring Boot's {@code DefaultErrorWebExceptionHandler} (-1), so no failure ends as its error page. */
    @Override
    public int getOrder() {
        return -2;
    }
}
