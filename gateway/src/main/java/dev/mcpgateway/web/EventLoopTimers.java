package dev.mcpgateway.web;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Deadlines on the event loop that serves the exchange's connection. A request's deadlines (its body, the upstream's
 * response headers) are set and, nearly always, cancelled on that loop. Reactor's default timer
 * ({@code Schedulers.parallel()}) is a pool of other threads, so every deadline set or cancelled there is a hand-off
 * (a lock, a signal, a thread woken) per request, which an idle machine pays in latency; Netty's own timer queue on
 * the loop takes neither. Exchanges that are not served by Reactor Netty (tests' mock exchanges) use
 * {@code Schedulers.parallel()}.
 */
public final class EventLoopTimers {

    /** One scheduler per event loop; a process has a handful of loops, each living as long as the server. */
    private static final Map<EventExecutor, Scheduler> SCHEDULERS = new ConcurrentHashMap<>();

    private EventLoopTimers() {}

    /** Emits {@code 0} after {@code delay} on the exchange's event loop. */
    public static Mono<Long> delay(ServerWebExchange exchange, Duration delay) {
        return Mono.delay(delay, scheduler(exchange));
    }

    static Scheduler scheduler(ServerWebExchange exchange) {
        Object nativeRequest;
        try {
            nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        } catch (IllegalArgumentException | IllegalStateException noNativeRequest) {
            return Schedulers.parallel();
        }
        if (nativeRequest instanceof Connection connection) {
            return SCHEDULERS.computeIfAbsent(
                    connection.channel().eventLoop(),
                    loop -> Schedulers.fromExecutorService(loop, "mcp-gateway-event-loop-timer"));
        }
        return Schedulers.parallel();
    }
}
