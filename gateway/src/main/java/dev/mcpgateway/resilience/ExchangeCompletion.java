package dev.mcpgateway.resilience;

import java.util.ArrayList;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Runs what later steps registered once the response of an exchange has ended, however it ends: written completely,
 * failed, or cancelled because the client went away. It wraps Spring Cloud Gateway's response writer, so for a
 * stream "ended" means the last event was written, not that headers arrived. Bulkhead permits are released here,
 * which is why a permit can never leak.
 */
public final class ExchangeCompletion implements GatewayFilter {

    private static final String HOOKS_ATTRIBUTE = ExchangeCompletion.class.getName() + ".hooks";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Hooks hooks = new Hooks();
        exchange.getAttributes().put(HOOKS_ATTRIBUTE, hooks);
        return chain.filter(exchange).doFinally(signal -> hooks.runAll());
    }

    /** Runs {@code hook} when the exchange's response ends; at once if it already has. */
    public static void onFinish(ServerWebExchange exchange, Runnable hook) {
        Hooks hooks = exchange.getAttribute(HOOKS_ATTRIBUTE);
        if (hooks == null) {
            throw new IllegalStateException("ExchangeCompletion must run before any step that registers a hook");
        }
        hooks.add(hook);
    }

    private static final class Hooks {

        private final List<Runnable> pending = new ArrayList<>();
        private boolean finished;

        void add(Runnable hook) {
            synchronized (this) {
                if (!finished) {
                    pending.add(hook);
                    return;
                }
            }
            hook.run();
        }

        void runAll() {
            List<Runnable> due;
            synchronized (this) {
                finished = true;
                due = List.copyOf(pending);
                pending.clear();
            }
            due.forEach(Runnable::run);
        }
    }
}
