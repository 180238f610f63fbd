package dev.mcpgateway.web;

import dev.mcpgateway.config.GatewayConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;

/**
 * Pipeline step 2, CORS for browser-based MCP clients: the policy that Spring's {@code CorsWebFilter}, at Spring
 * Security's CORS position, applies through its
 * {@code DefaultCorsProcessor} (which also refuses preflights for methods or headers not listed, and sets
 * {@code Vary}). Preflights are answered here, without a token, because browsers never send credentials on a
 * preflight. MCP endpoints allow the configured origins (the {@code Origin} check has already refused others) and
 * the MCP headers (DESIGN.md §2), and expose the challenge, the session id and the back-off headers of
 * {@code 429}/{@code 503}, without which a browser client can neither start OAuth discovery nor keep its session;
 * discovery documents are public metadata and allow any origin. No credentials are ever allowed: bearer tokens are
 * not ambient. The upstream's own CORS headers never reach the client (the proxy drops them), so they cannot
 * contradict this policy. The configuration is built once per loaded {@code routes.yaml}.
 */
public final class CorsPolicy implements CorsConfigurationSource {

    static final List<String> ALLOWED_HEADERS = List.of(
            HttpHeaders.AUTHORIZATION,
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT,
            McpHeaders.SESSION_ID,
            McpHeaders.PROTOCOL_VERSION,
            McpHeaders.LAST_EVENT_ID,
            McpHeaders.METHOD,
            McpHeaders.NAME);
    static final List<String> EXPOSED_HEADERS = List.of(
            HttpHeaders.WWW_AUTHENTICATE,
            McpHeaders.SESSION_ID,
            HttpHeaders.RETRY_AFTER,
            "RateLimit",
            "RateLimit-Policy");
    private static final Duration PREFLIGHT_CACHE = Duration.ofMinutes(10);
    private static final String WELL_KNOWN = "/.well-known/";

    private static final CorsConfiguration DISCOVERY = discovery();
    private final AtomicReference<Built> endpoints = new AtomicReference<>();

    @Override
    public @Nullable CorsConfiguration getCorsConfiguration(ServerWebExchange exchange) {
        if (RoutedExchange.route(exchange).isPresent()) {
            return forEndpoints(RoutedExchange.config(exchange));
        }
        return exchange.getRequest().getPath().pathWithinApplication().value().startsWith(WELL_KNOWN)
                ? DISCOVERY
                : null;
    }

    private CorsConfiguration forEndpoints(GatewayConfig config) {
        Built built = endpoints.get();
        if (built == null || built.config() != config) {
            built = new Built(config, endpoints(config));
            endpoints.set(built);
        }
        return built.cors();
    }

    private static CorsConfiguration endpoints(GatewayConfig config) {
        CorsConfiguration cors = new McpEndpointCors();
        List<String> origins = new ArrayList<>(config.allowedOrigins());
        origins.add(config.publicBaseUrl().toString());
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(ALLOWED_HEADERS);
        cors.setExposedHeaders(EXPOSED_HEADERS);
        cors.setAllowCredentials(false);
        cors.setMaxAge(PREFLIGHT_CACHE);
        return cors;
    }

    private static CorsConfiguration discovery() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.addAllowedOrigin(CorsConfiguration.ALL);
        cors.setAllowedMethods(List.of("GET", "OPTIONS"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(PREFLIGHT_CACHE);
        return cors;
    }

    private record Built(GatewayConfig config, CorsConfiguration cors) {}

    /**
     * Also allows the {@code Mcp-Param-*} headers of 2026-07-28 (SEP-2243), whose names come from each tool's
     * {@code x-mcp-header} annotations and so cannot be listed: Spring's list knows no prefix patterns.
     */
    private static final class McpEndpointCors extends CorsConfiguration {

        @Override
        public @Nullable List<String> checkHeaders(@Nullable List<String> requestHeaders) {
            if (requestHeaders == null || requestHeaders.isEmpty()) {
                return super.checkHeaders(requestHeaders);
            }
            List<String> listed = new ArrayList<>();
            List<String> params = new ArrayList<>();
            for (String header : requestHeaders) {
                (isParamHeader(header) ? params : listed).add(header);
            }
            List<String> allowed = listed.isEmpty() ? new ArrayList<>() : super.checkHeaders(listed);
            if (allowed == null || allowed.size() < listed.size()) {
                return null;
            }
            List<String> result = new ArrayList<>(allowed);
            result.addAll(params);
            return result;
        }

        private static boolean isParamHeader(String header) {
            return header.length() > McpHeaders.PARAM_PREFIX.length()
                    && header.regionMatches(true, 0, McpHeaders.PARAM_PREFIX, 0, McpHeaders.PARAM_PREFIX.length());
        }
    }
}
