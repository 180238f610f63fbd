package dev.mcpgateway.discovery;

import dev.mcpgateway.config.ExchangeRoutes;
import dev.mcpgateway.config.GatewayConfig;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Pipeline step 3: the public RFC 9728 documents. {@code GET /.well-known/oauth-protected-resource/<route path>}
 * serves that route's metadata (RFC 9728 §3.1 path insertion); the bare well-known URI serves the
 * origin's document. Router functions take precedence over the proxy's handler mapping.
 */
@Configuration(proxyBeanMethods = false)
class DiscoveryConfiguration {

    /** Short enough that a reload is seen quickly, long enough to spare repeated discovery round trips. */
    private static final CacheControl CACHE =
            CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic();

    @Bean
    RouterFunction<ServerResponse> protectedResourceMetadataRoutes() {
        return RouterFunctions.route()
                .GET(ProtectedResourceMetadata.WELL_KNOWN_PATH, DiscoveryConfiguration::originDocument)
                .GET(ProtectedResourceMetadata.WELL_KNOWN_PATH + "/**", DiscoveryConfiguration::routeDocument)
                .build();
    }

    private static Mono<ServerResponse> originDocument(ServerRequest request) {
        return ok(ProtectedResourceMetadata.forOrigin(ExchangeRoutes.config(request.exchange())));
    }

    private static Mono<ServerResponse> routeDocument(ServerRequest request) {
        GatewayConfig config = ExchangeRoutes.config(request.exchange());
        String routePath = request.path().substring(ProtectedResourceMetadata.WELL_KNOWN_PATH.length());
        return config.routeForPath(routePath)
                .map(route -> ok(ProtectedResourceMetadata.forRoute(config, route)))
                .orElseGet(() -> ServerResponse.notFound().build());
    }

    private static Mono<ServerResponse> ok(Map<String, Object> document) {
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CACHE)
                .bodyValue(document);
    }
}
