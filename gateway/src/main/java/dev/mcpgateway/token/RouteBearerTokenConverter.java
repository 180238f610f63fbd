package dev.mcpgateway.token;

import dev.mcpgateway.config.ExchangeRoutes;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 4: extracts {@code Authorization: Bearer} (RFC 6750 §2.1) on MCP endpoints only.
 * Form-body and query tokens are never read; discovery and health endpoints ignore credentials.
 */
public final class RouteBearerTokenConverter implements ServerAuthenticationConverter {

    private final ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        if (ExchangeRoutes.route(exchange).isEmpty()) {
            return Mono.empty();
        }
        return header.convert(exchange);
    }
}
