package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.config.RoutesFileParser;
import dev.mcpgateway.support.RoutesSchema;
import dev.mcpgateway.web.GatewayError;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** The HTTP shape of MCP requests: a pure function, tested case by case. */
class McpTransportRulesTest {

    private static final GatewayConfig CONFIG =
            new RoutesFileParser(Map.<String, String>of()::get).parse("routes.yaml", RoutesSchema.valid("""
            gateway:
              public-base-url: https://mcp.example.com
              authorization-servers: { corp: { issuer: https://auth.example.com } }
            routes:
              - { id: modern, path: /modern/mcp, upstream: "http://m.internal/mcp", authorization-servers: [corp] }
              - { id: legacy, path: /legacy/sse, upstream: "http://l.internal/sse", transport: sse, authorization-servers: [corp] }
            """));
    private static final RouteConfig MODERN = CONFIG.routes().get(0);
    private static final RouteConfig LEGACY = CONFIG.routes().get(1);

    @ParameterizedTest
    @CsvSource({"POST,true", "GET,true", "DELETE,true", "PUT,false", "PATCH,false", "HEAD,false", "OPTIONS,false"})
    void streamableHttpTakesPostGetAndDelete(String method, boolean allowed) {
        HttpHeaders headers = json();
        Optional<GatewayError> violation = McpTransportRules.violation(
                MODERN,
                "/modern/mcp",
                HttpMethod.valueOf(method),
                HttpMethod.valueOf(method) == HttpMethod.POST ? headers : new HttpHeaders());
        assertThat(violation.isEmpty()).isEqualTo(allowed);
        violation.ifPresent(error -> assertThat(error.status()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED));
    }

    @Test
    void legacyRouteTakesGetOnItsStreamAndPostOnItsMessagePathOnly() {
        assertThat(McpTransportRules.violation(LEGACY, "/legacy/sse", HttpMethod.GET, new HttpHeaders()))
                .isEmpty();
        assertThat(McpTransportRules.violation(LEGACY, "/legacy/sse", HttpMethod.POST, json()))
                .get()
                .extracting(GatewayError::status)
                .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(McpTransportRules.violation(LEGACY, "/legacy/sse/message", HttpMethod.POST, json()))
                .isEmpty();
        assertThat(McpTransportRules.violation(LEGACY, "/legacy/sse/message", HttpMethod.GET, new HttpHeaders()))
                .get()
                .extracting(GatewayError::status)
                .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    void unknownVersionSortingAfterTheFirstModernOneIsLeftToTheBodyAndTheUpstream() {
        for (String version : java.util.List.of("v999.0.0", "latest")) {
            HttpHeaders headers = json();
            headers.set("MCP-Protocol-Version", version);
            assertThat(McpTransportRules.violation(MODERN, "/modern/mcp", HttpMethod.POST, headers))
                    .as(version)
                    .isEmpty();
        }
    }

    @Test
    void protocolVersionThatIsNoRevisionDateIsRefused() {
        for (String version : java.util.List.of("2025-6-18", "2025-06-18x", "２０２５-06-18", "1.0", "")) {
            HttpHeaders headers = json();
            headers.set("MCP-Protocol-Version", version);
            assertThat(McpTransportRules.violation(MODERN, "/modern/mcp", HttpMethod.POST, headers))
                    .as(version)
                    .get()
                    .extracting(GatewayError::status)
                    .isEqualTo(HttpStatus.BAD_REQUEST);
        }
        HttpHeaders known = json();
        known.set("MCP-Protocol-Version", "2026-07-28");
        assertThat(McpTransportRules.violation(MODERN, "/modern/mcp", HttpMethod.POST, known))
                .isEmpty();
    }

    @Test
    void getAndDeleteMustNotCarryABody() {
        HttpHeaders withLength = new HttpHeaders();
        withLength.setContentLength(12);
        HttpHeaders chunked = new HttpHeaders();
        chunked.set(HttpHeaders.TRANSFER_ENCODING, "chunked");
        for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.DELETE}) {
            assertThat(McpTransportRules.violation(MODERN, "/modern/mcp", method, withLength))
                    .get()
                    .extracting(GatewayError::status)
                    .isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(McpTransportRules.violation(MODERN, "/modern/mcp", method, chunked))
                    .get()
                    .extracting(GatewayError::status)
                    .isEqualTo(HttpStatus.BAD_REQUEST);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "application/json|true",
                "application/json; charset=utf-8|true",
                "application/json;charset=UTF-8|true",
                "application/json; charset=\"utf-8\"|true",
                "application/json; charset=utf-7|false",
                "application/json; charset=utf-16|false",
                "application/json; charset=iso-8859-1|false",
                "application/json; charset=bogus|false",
                "text/plain|false",
                "application/x-www-form-urlencoded|false",
                "application/jsonp|false",
                "not a media type|false"
            })
    void postBodyMustBeJsonInUtf8(String contentType, boolean accepted) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        Optional<GatewayError> violation = McpTransportRules.violation(MODERN, "/modern/mcp", HttpMethod.POST, headers);
        assertThat(violation.isEmpty()).isEqualTo(accepted);
        violation.ifPresent(error -> assertThat(error.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
    }

    @Test
    void postWithoutContentTypeOrWithAContentEncodingIsRefused() {
        assertThat(McpTransportRules.violation(MODERN, "/modern/mcp", HttpMethod.POST, new HttpHeaders()))
                .get()
                .extracting(GatewayError::status)
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        HttpHeaders gzip = json();
        gzip.set(HttpHeaders.CONTENT_ENCODING, "gzip");
        assertThat(McpTransportRules.violation(MODERN, "/modern/mcp", HttpMethod.POST, gzip))
                .get()
                .extracting(GatewayError::status)
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        HttpHeaders identity = json();
        identity.set(HttpHeaders.CONTENT_ENCODING, "identity");
        assertThat(McpTransportRules.violation(MODERN, "/modern/mcp", HttpMethod.POST, identity))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"Mcp-Session-Id", "MCP-Protocol-Version", "Mcp-Method", "Mcp-Name"})
    void mcpHeadersMustHaveOneValue(String header) {
        HttpHeaders twice = json();
        twice.add(header, "a");
        twice.add(header, "b");
        HttpHeaders listed = json();
        listed.set(header, "a, b");
        HttpHeaders once = json();
        once.set(header, header.equals("MCP-Protocol-Version") ? "2025-11-25" : "a");
        assertThat(McpTransportRules.violation(MODERN, "/modern/mcp", HttpMethod.POST, twice))
                .isPresent();
        assertThat(McpTransportRules.violation(MODERN, "/modern/mcp", HttpMethod.POST, listed))
                .isPresent();
        assertThat(McpTransportRules.violation(MODERN, "/modern/mcp", HttpMethod.POST, once))
                .isEmpty();
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
        return headers;
    }
}
