package dev.mcpgateway.mcp;

import dev.mcpgateway.web.Json;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the answers to {@code tools/list} on their way to the client, unchanged, and learns the tools'
 * {@code x-mcp-header} declarations into the route's {@link ParamHeaderCatalog}, so that MCP inspection can tell a
 * recognized {@code Mcp-Param-*} header from one to forward untouched (MCP 2026-07-28 Streamable HTTP, "Server
 * Behavior for Custom Headers"). Whether a request is a {@code tools/list} is known only once inspection has read it,
 * so the decision is taken when the answer is written. A compressed answer is passed on unread.
 */
final class ParamHeaderLearningFilter implements GatewayFilter {

    private final ParamHeaderCatalog catalog;

    ParamHeaderLearningFilter(ParamHeaderCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange.mutate()
                .response(new Learning(exchange, exchange.getResponse(), catalog))
                .build());
    }

    private static final class Learning extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;
        private final ParamHeaderCatalog catalog;

        Learning(ServerWebExchange exchange, ServerHttpResponse delegate, ParamHeaderCatalog catalog) {
            super(delegate);
            this.exchange = exchange;
            this.catalog = catalog;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return learns() ? observer().writeWith(body) : super.writeWith(body);
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return learns() ? observer().writeAndFlushWith(body) : super.writeAndFlushWith(body);
        }

        private boolean learns() {
            String encoding = getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
            boolean plain =
                    encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity");
            return plain
                    && McpCallInfo.method(exchange)
                            .filter(InspectedMessage.TOOLS_LIST::equals)
                            .isPresent();
        }

        private RewritingResponse observer() {
            return new RewritingResponse(
                    getDelegate(),
                    new RewritingResponse.Rewrite() {
                        @Override
                        public Mono<byte[]> event(SseEvent event) {
                            if (event.isMessage() && event.data() != null) {
                                learn(event.data().getBytes(StandardCharsets.UTF_8));
                            }
                            return Mono.just(event.raw());
                        }

                        @Override
                        public Mono<byte[]> json(byte[] body) {
                            learn(body);
                            return Mono.just(body);
                        }
                    },
                    false);
        }

        private void learn(byte[] json) {
            try {
                JsonNode root = Json.STRICT.readTree(json);
                if (root != null && root.isArray()) {
                    root.forEach(catalog::learn);
                } else if (root != null) {
                    catalog.learn(root);
                }
            } catch (JacksonException unreadable) {
                // Not a message the client can read either: nothing to learn, and the answer passes as it came.
            }
        }
    }
}
