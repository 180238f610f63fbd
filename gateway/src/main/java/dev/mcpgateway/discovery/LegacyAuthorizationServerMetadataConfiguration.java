package dev.mcpgateway.discovery;

import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.token.AuthorizationServerMetadataRegistry;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 3, for MCP 2025-03-26 clients ("Authorization Base URL", "Server Metadata Discovery"): they know no
 * protected-resource metadata and look for authorization-server metadata at the MCP server's own origin, at
 * {@code /.well-known/oauth-authorization-server} (RFC 8414 §3, the path of the MCP URL discarded). With
 * {@code gateway.legacy-authorization-server-metadata: <server>} the gateway serves that server's metadata there,
 * as published (its {@code issuer} stays the server's own, so tokens and metadata agree); without it, {@code 404}.
 * When the metadata could not be read, {@code 503} with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class LegacyAuthorizationServerMetadataConfiguration {

    static final String PATH = "/.well-known/oauth-authorization-server";
    private static final CacheControl CACHE =
            CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic();

    @Bean
    RouterFunction<ServerResponse> legacyAuthorizationServerMetadataRoute(
            AuthorizationServerMetadataRegistry registry) {
        return RouterFunctions.route()
                .GET(PATH, request -> metadata(request, registry))
                .build();
    }

    private static Mono<ServerResponse> metadata(ServerRequest request, AuthorizationServerMetadataRegistry registry) {
        GatewayConfig config = ExchangeRoutes.config(request.exchange());
        String server = config.legacyAuthorizationServerMetadata();
        if (server == null) {
            return ServerResponse.notFound().build();
        }
        return registry.metadata(config.authorizationServer(server))
                .flatMap(metadata -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CACHE)
                        .bodyValue(metadata.document()))
                .switchIfEmpty(Mono.defer(() -> ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, "30")
                        .cacheControl(CacheControl.noStore())
                        .build()));
    }
}
