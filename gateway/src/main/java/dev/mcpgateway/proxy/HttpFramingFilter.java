package dev.mcpgateway.proxy;

import dev.mcpgateway.web.ErrorResponseWriter;
import dev.mcpgateway.web.GatewayError;
import dev.mcpgateway.web.HeaderLists;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The first step of every request, before routing and authentication: refuses requests whose framing two HTTP
 * parsers could read differently, and requests that ask to leave HTTP.
 *
 * <ul>
 *   <li>RFC 9112 §6.1: a {@code Transfer-Encoding} other than one {@code chunked}, or beside a
 *       {@code Content-Length} (§6.3), makes the body length unreliable: {@code 400}, or {@code 501} for a coding
 *       the gateway does not decode, and the connection is closed.</li>
 *   <li>Two {@code Content-Length} fields (RFC 9112 §6.3): {@code 400}, connection closed.</li>
 *   <li>A protocol switch ({@code Upgrade}, RFC 9110 §7.8: WebSocket or anything else): {@code 400}. MCP defines no
 *       WebSocket transport, and a switched connection would carry messages no step of the gateway inspects. The one
 *       exception is an offer of {@code h2c} alone (RFC 9113 §3.1 lets a server ignore it, and the JDK's HTTP client
 *       sends it on every plain-HTTP request): the gateway never switches, the request is served as HTTP/1.1 through
 *       the whole pipeline, and neither {@code Upgrade} nor {@code HTTP2-Settings} reaches the upstream.</li>
 *   <li>Tunnels and loops ({@code CONNECT}, {@code TRACE}, RFC 9110 §9.3.6, §9.3.8): {@code 405}.</li>
 * </ul>
 * Refusals carry a JSON-RPC error body, like every refusal of the gateway.
 */
public final class HttpFramingFilter implements WebFilter {

    static final String ALLOW = "GET, POST, DELETE, OPTIONS";
    private static final String CHUNKED = "chunked";
    /** HTTP/2 over cleartext, offered by default by the JDK's HTTP client: declined by answering in HTTP/1.1. */
    private static final String H2C = "h2c";

    private final ErrorResponseWriter errors;

    public HttpFramingFilter(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (HttpMethod.TRACE.equals(method) || "CONNECT".equals(method.name())) {
            exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, ALLOW);
            return refuse(exchange, HttpStatus.METHOD_NOT_ALLOWED, "Method " + method.name() + " is not supported");
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        List<String> transferEncoding = tokens(headers.getOrEmpty(HttpHeaders.TRANSFER_ENCODING));
        if (!transferEncoding.isEmpty()) {
            if (headers.getOrEmpty(HttpHeaders.TRANSFER_ENCODING).size() > 1
                    || !transferEncoding.equals(List.of(CHUNKED))) {
                boolean chunkedLast =
                        transferEncoding.get(transferEncoding.size() - 1).equals(CHUNKED);
                return close(
                        exchange,
                        chunkedLast ? HttpStatus.NOT_IMPLEMENTED : HttpStatus.BAD_REQUEST,
                        "Transfer-Encoding must be chunked and nothing else");
            }
            if (headers.containsHeader(HttpHeaders.CONTENT_LENGTH)) {
                return close(
                        exchange,
                        HttpStatus.BAD_REQUEST,
                        "A request must not carry both Transfer-Encoding and Content-Length");
            }
        }
        if (headers.getOrEmpty(HttpHeaders.CONTENT_LENGTH).size() > 1) {
            return close(exchange, HttpStatus.BAD_REQUEST, "A request must carry at most one Content-Length");
        }
        List<String> upgrades = tokens(headers.getOrEmpty(HttpHeaders.UPGRADE));
        if (!upgrades.isEmpty() && !upgrades.stream().allMatch(protocol -> protocol.equals(H2C))) {
            return close(
                    exchange,
                    HttpStatus.BAD_REQUEST,
                    "Protocol upgrades (WebSocket and others) are not supported: MCP uses HTTP requests and server-sent events");
        }
        return chain.filter(exchange);
    }

    /** The codings of every {@code Transfer-Encoding} field, in order, lower-cased (RFC 9110 §5.3 lists). */
    private static List<String> tokens(List<String> fields) {
        List<String> elements = HeaderLists.elements(fields);
        List<String> tokens = new ArrayList<>(elements.size());
        for (String element : elements) {
            tokens.add(element.toLowerCase(Locale.ROOT));
        }
        return tokens;
    }

    private Mono<Void> close(ServerWebExchange exchange, HttpStatus status, String message) {
        exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
        return refuse(exchange, status, message);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String message) {
        return errors.write(
                exchange, GatewayError.jsonRpc(status, GatewayError.JSON_RPC_INVALID_REQUEST, message, Map.of()));
    }
}
