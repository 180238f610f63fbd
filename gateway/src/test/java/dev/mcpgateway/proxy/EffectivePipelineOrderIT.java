package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.HttpWebHandlerAdapter;
import org.springframework.web.server.handler.ExceptionHandlingWebHandler;

/**
 * The order of every filter a request passes, read from the running application the way the frameworks run them:
 * the web filters Spring WebFlux chains, the filters of the Spring Security chain, the filters Spring Cloud Gateway
 * combines for representative routes (its global filters included, with their orders), and the header filters its
 * routing filter applies. Compared with the checked-in {@code effective-pipeline.txt}, so no change of order, and no
 * framework filter switched on by an upgrade, goes unnoticed. When the order changes on purpose, copy
 * {@code target/effective-pipeline.actual.txt} over the checked-in file and review the diff.
 */
class EffectivePipelineOrderIT extends GatewayIntegrationTest {

    /** A Streamable HTTP route, one with a tool map, a legacy HTTP+SSE route, and one with a tenant rate limit. */
    private static final List<String> ROUTES = List.of("test", "tools", "hostile-legacy", "limited");

    @Autowired
    ApplicationContext context;

    @Autowired
    RouteLocator routes;

    @Autowired
    FilteringWebHandler gatewayHandler;

    @Autowired
    SecurityWebFilterChain security;

    @Test
    void everyFilterRunsInTheCheckedInOrder() throws Exception {
        List<String> actual = effectivePipeline();
        Path written = Path.of("target", "effective-pipeline.actual.txt");
        Files.writeString(written, String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
        assertThat(actual)
                .as("the effective pipeline (actual order written to %s)", written.toAbsolutePath())
                .containsExactlyElementsOf(expected());
    }

    private List<String> effectivePipeline() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("# web filters");
        context.getBeanProvider(WebFilter.class).orderedStream().forEach(filter -> lines.add(name(filter)));
        lines.add("# exception handlers");
        exceptionHandlers().forEach(handler -> lines.add(name(handler)));
        lines.add("# security chain");
        security.getWebFilters().toStream().forEach(filter -> lines.add(name(filter)));
        Method combined = FilteringWebHandler.class.getDeclaredMethod("getCombinedFilters", Route.class);
        combined.setAccessible(true);
        for (String id : ROUTES) {
            Route route = routes.getRoutes()
                    .filter(candidate -> candidate.getId().equals(id))
                    .blockFirst();
            lines.add("# route " + id);
            @SuppressWarnings("unchecked")
            List<GatewayFilter> filters = (List<GatewayFilter>) combined.invoke(gatewayHandler, route);
            filters.forEach(filter -> lines.add(name(filter)));
        }
        return lines;
    }

    /** The web handler's exception handlers, in the order they are asked, inside the gateway's one sequence. */
    private List<WebExceptionHandler> exceptionHandlers() {
        HttpHandler handler = context.getBean(HttpHandler.class);
        assertThat(handler).isInstanceOf(HttpWebHandlerAdapter.class);
        WebHandler delegate = ((HttpWebHandlerAdapter) handler).getDelegate();
        assertThat(delegate).isInstanceOf(ExceptionHandlingWebHandler.class);
        List<WebExceptionHandler> handlers = new ArrayList<>();
        for (WebExceptionHandler layer : ((ExceptionHandlingWebHandler) delegate).getExceptionHandlers()) {
            handlers.add(layer);
            if (layer instanceof ExceptionHandlerSequence sequence) {
                sequence.handlers().forEach(inner -> handlers.add(new Indented(inner)));
            }
        }
        return handlers;
    }

    private static List<String> expected() throws IOException {
        try (InputStream in = EffectivePipelineOrderIT.class.getResourceAsStream("effective-pipeline.txt")) {
            assertThat(in).as("effective-pipeline.txt next to this test").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** A handler inside the gateway's sequence, listed indented under it. */
    private record Indented(WebExceptionHandler handler) implements WebExceptionHandler {
        @Override
        public reactor.core.publisher.Mono<Void> handle(
                org.springframework.web.server.ServerWebExchange exchange, Throwable ex) {
            return handler.handle(exchange, ex);
        }
    }

    /** The filter's class (inside Spring's adapters and order wrappers) and, where it has one, its order. */
    private static String name(Object filter) {
        if (filter instanceof Indented indented) {
            return "  " + name(indented.handler());
        }
        String order = filter instanceof Ordered ordered ? " " + orderName(ordered.getOrder()) : "";
        return unwrap(filter).getClass().getName().replace('$', '.') + order;
    }

    private static String orderName(int order) {
        if (order == Ordered.HIGHEST_PRECEDENCE) {
            return "HIGHEST_PRECEDENCE";
        }
        if (order == Ordered.LOWEST_PRECEDENCE) {
            return "LOWEST_PRECEDENCE";
        }
        if (order > Ordered.LOWEST_PRECEDENCE - 1000) {
            return "LOWEST_PRECEDENCE-" + (Ordered.LOWEST_PRECEDENCE - order);
        }
        if (order < Ordered.HIGHEST_PRECEDENCE + 1000) {
            return "HIGHEST_PRECEDENCE+" + (order - Ordered.HIGHEST_PRECEDENCE);
        }
        return Integer.toString(order);
    }

    private static Object unwrap(Object filter) {
        Object inner = filter;
        if (inner instanceof OrderedGatewayFilter ordered) {
            inner = ordered.getDelegate();
        }
        if (inner.getClass().getSimpleName().equals("GatewayFilterAdapter")) {
            inner = field(inner, "delegate");
        }
        if (inner.getClass().getSimpleName().equals("OrderedWebFilter")) {
            inner = field(inner, "webFilter");
        }
        return inner;
    }

    private static Object field(Object target, String name) {
        try {
            var field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + name + " of " + target.getClass(), e);
        }
    }
}
