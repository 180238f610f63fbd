package dev.mcpgateway.token;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Pipeline step 4: reads {@code Authorization: Bearer} (RFC 6750 §2.1); only requests to MCP endpoints are read
 * ({@code authz.RouteAccessFilter}). Form-body and query tokens are never read; discovery and health endpoints
 * ignore credentials.
 *
 * <ul>
 *   <li>Two {@code Authorization} fields are a malformed request ({@code 400 invalid_request}, RFC 6750 §3.1): the
 *       gateway and an intermediary could each take a different one.</li>
 *   <li>The scheme is case-insensitive (RFC 9110 §11.1) and followed by one or more spaces ({@code 1*SP}).</li>
 *   <li>The credential must be a {@code b64token} ({@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" )
 *       *"="}); anything else is {@code 401 invalid_token}.</li>
 *   <li>Another scheme ({@code Basic}) is no bearer token: the request is challenged as unauthenticated.</li>
 * </ul>
 * Written by hand rather than with Spring Security's bearer token converter, which takes the first of two fields, allows one
 * space only, and runs a regular expression on every request.
 */
public final class BearerTokenReader {

    private static final String BEARER = "bearer";

    private BearerTokenReader() {}

    /**
     * The bearer token of a request to an MCP endpoint; {@code null} when it sends none (no {@code Authorization}
     * field, or another scheme).
     *
     * @throws OAuth2AuthenticationException {@code invalid_request} for two fields, {@code invalid_token} for a
     *     credential that is no {@code b64token}
     */
    public static @Nullable String read(HttpHeaders headers) {
        List<String> fields = headers.getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (fields.isEmpty()) {
            return null;
        }
        if (fields.size() > 1) {
            throw new OAuth2AuthenticationException(
                    BearerTokenErrors.invalidRequest("Send exactly one Authorization header"));
        }
        String field = fields.get(0);
        if (!field.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || field.length() > BEARER.length() && field.charAt(BEARER.length()) != ' ') {
            return null;
        }
        return token(field)
                .orElseThrow(() ->
                        new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
    }

    /**
     * The exchange to hand on once its token is verified: without the {@code Authorization} field, so that no later
     * step can forward, log or echo the client's credential and an open stream does not keep it for its whole life.
     * The field is removed from Reactor Netty's request, which the exchange's request reads through, so no copy is
     * made; only when a step before authentication handed on a mutated request (whose fields are a copy) does the
     * exchange get a request without the field. Tests' mock requests take the second way.
     */
    public static ServerWebExchange withoutCredential(ServerWebExchange exchange) {
        forget(exchange.getRequest());
        if (!exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            return exchange;
        }
        return exchange.mutate()
                .request(request -> request.headers(headers -> headers.remove(HttpHeaders.AUTHORIZATION)))
                .build();
    }

    private static void forget(ServerHttpRequest request) {
        Object nativeRequest;
        try {
            nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        } catch (IllegalArgumentException | IllegalStateException notNetty) {
            return;
        }
        if (nativeRequest instanceof HttpServerRequest netty) {
            netty.requestHeaders().remove(HttpHeaderNames.AUTHORIZATION);
        }
    }

    /** The {@code b64token} after the scheme and its spaces; empty when there is none. */
    static Optional<String> token(String field) {
        int start = BEARER.length();
        while (start < field.length() && field.charAt(start) == ' ') {
            start++;
        }
        int end = field.length();
        while (end > start && (field.charAt(end - 1) == ' ' || field.charAt(end - 1) == '\t')) {
            end--;
        }
        if (start == BEARER.length() || start == end) {
            return Optional.empty();
        }
        int padding = end;
        while (padding > start && field.charAt(padding - 1) == '=') {
            padding--;
        }
        if (padding == start) {
            return Optional.empty();
        }
        for (int i = start; i < padding; i++) {
            if (!isTokenCharacter(field.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(field.substring(start, end));
    }

    private static boolean isTokenCharacter(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
