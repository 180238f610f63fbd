package dev.mcpgateway.proxy;

import java.util.List;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.handler.ExceptionHandlingWebHandler;
import reactor.core.publisher.Mono;

/**
 * The application's exception handlers as one: each in order gets the error the one before it left, as
 * spring-web's {@link ExceptionHandlingWebHandler} does (the exchange's {@link
 * ExceptionHandlingWebHandler#HANDLED_WEB_EXCEPTION} attribute set to the error before each), until one answers.
 * That handler wraps every request in two operators per exception handler ({@code doOnError} and
 * {@code onErrorResume}), which a stream keeps subscribed for its whole life; as one handler, the sequence costs a
 * request that succeeds one layer, and builds the others only when an error arrives.
 */
final class ExceptionHandlerSequence implements WebExceptionHandler {

    private final List<WebExceptionHandler> handlers;

    /** @param handlers the exception handlers, in the order they are asked */
    ExceptionHandlerSequence(List<WebExceptionHandler> handlers) {
        this.handlers = List.copyOf(handlers);
    }

    /** The handlers, in order. */
    List<WebExceptionHandler> handlers() {
        return handlers;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        Mono<Void> completion = Mono.error(failure);
        for (WebExceptionHandler handler : handlers) {
            completion = completion
                    .doOnError(error ->
                            exchange.getAttributes().put(ExceptionHandlingWebHandler.HANDLED_WEB_EXCEPTION, error))
                    .onErrorResume(error -> handler.handle(exchange, error));
        }
        return completion;
    }
}
