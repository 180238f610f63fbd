package dev.mcpgateway.token;

import dev.mcpgateway.web.RoutedExchange;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 4: extracts {@code Authorization: Bearer} (RFC 6750 §2.1) on MCP endpoints only. Form-body and
 * query tokens are never read; discovery and health endpoints ignore credentials.
 *
 * <ul>
 *   <li>Two {@code Authorization} fields are a malformed request ({@code 400 invalid_request}, RFC 6750 §3.1): the
 *       gateway and an intermediary could each take a different one.</li>
 *   <li>The scheme is case-insensitive (RFC 9110 §11.1) and followed by one or more spaces ({@code 1*SP}).</li>
 *   <li>The credential must be a {@code b64token} ({@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" )
 *       *"="}); anything else is {@code 401 invalid_token}.</li>
 *   <li>Another scheme ({@code Basic}) is no bearer token: the request is challenged as unauthenticated.</li>
 * </ul>
 * Written by hand rather than with Spring Security's converter, which takes the first of two fields, allows one
 * space only, and runs a regular expression on every request.
 */
public final class RouteBearerTokenConverter implements ServerAuthenticationConverter {

    private static final String BEARER = "bearer";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        if (RoutedExchange.route(exchange).isEmpty()) {
            return Mono.empty();
        }
        List<String> fields = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (fields.isEmpty()) {
            return Mono.empty();
        }
        if (fields.size() > 1) {
            return Mono.error(new OAuth2AuthenticationException(
                    BearerTokenErrors.invalidRequest("Send exactly one Authorization header")));
        }
        String field = fields.get(0);
        if (!field.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || field.length() > BEARER.length() && field.charAt(BEARER.length()) != ' ') {
            return Mono.empty();
        }
        Optional<String> token = token(field);
        if (token.isEmpty()) {
            return Mono.error(
                    new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
        }
        return Mono.just(new BearerTokenAuthenticationToken(token.get()));
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
