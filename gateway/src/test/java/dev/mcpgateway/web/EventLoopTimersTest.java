package dev.mcpgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/** A request's deadline fires on the event loop that serves its connection, not on another thread. */
class EventLoopTimersTest {

    @Test
    void deadlineFiresOnTheEventLoopOfTheExchangesConnection() {
        AtomicReference<Thread> servingLoop = new AtomicReference<>();
        AtomicReference<Thread> fired = new AtomicReference<>();
        AtomicReference<Boolean> firedInLoop = new AtomicReference<>();
        var handler = WebHttpHandlerBuilder.webHandler(exchange -> {
                    servingLoop.set(Thread.currentThread());
                    Connection connection =
                            (Connection) ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
                    return EventLoopTimers.delay(exchange, Duration.ofMillis(20))
                            .doOnNext(ignored -> {
                                fired.set(Thread.currentThread());
                                firedInLoop.set(connection.channel().eventLoop().inEventLoop());
                            })
                            .then(exchange.getResponse().setComplete());
                })
                .build();
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(new ReactorHttpHandlerAdapter(handler))
                .bindNow();
        try {
            Integer status = HttpClient.create()
                    .get()
                    .uri("http://127.0.0.1:" + server.port() + "/")
                    .response()
                    .map(response -> response.status().code())
                    .block(Duration.ofSeconds(10));
            assertThat(status).isEqualTo(200);
            assertThat(fired.get()).isSameAs(servingLoop.get());
            assertThat(firedInLoop.get()).isTrue();
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void exchangeNotServedByReactorNettyUsesReactorsTimer() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

        assertThat(EventLoopTimers.scheduler(exchange)).isSameAs(Schedulers.parallel());
        assertThat(EventLoopTimers.delay(exchange, Duration.ofMillis(1)).block(Duration.ofSeconds(5)))
                .isZero();
    }
}
