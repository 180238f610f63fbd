package dev.mcpgateway.web;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the gateway learned about the JSON-RPC message of a request, shared by the steps that
 * answer for it: an error body must carry the id of the request it answers (JSON-RPC 2.0 §5).
 */
public final class JsonRpcExchange {

    private static final String REQUEST_ID_ATTRIBUTE = JsonRpcExchange.class.getName() + ".requestId";

    private JsonRpcExchange() {}

    /** Records the id of the request being answered (a string or a number, per JSON-RPC 2.0 §4). */
    public static void setRequestId(ServerWebExchange exchange, @Nullable Object id) {
        if (id != null) {
            exchange.getAttributes().put(REQUEST_ID_ATTRIBUTE, id);
        }
    }

    /** The id of the request, when it was read and was not a notification. */
    public static Optional<Object> requestId(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(REQUEST_ID_ATTRIBUTE));
    }
}
