package dev.mcpgateway.mcp;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.GatewayError;
import dev.mcpgateway.web.HeaderLists;
import dev.mcpgateway.web.McpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The HTTP shape of an MCP request, checked before anything reads its body or session: a pure
 * function. Everything the gateway authorizes must be read the same way by the upstream, so
 * anything that could be read differently is refused rather than guessed:
 *
 * <ul>
 *   <li>Methods: Streamable HTTP takes POST, GET and DELETE (MCP 2025-11-25 transports); a legacy
 *       route takes GET on its stream and POST on its message path (MCP 2024-11-05); a {@code modern-only} route
 *       takes POST alone (MCP 2026-07-28 has neither a GET stream nor sessions). GET and DELETE
 *       carry no body, so no JSON-RPC message can travel past inspection in one.</li>
 *   <li>A POST body is {@code application/json} in UTF-8 (RFC 8259 §8.1), uncompressed: a declared
 *       charset such as UTF-7, or a {@code Content-Encoding}, would let the upstream decode a different
 *       message from the one the gateway authorized.</li>
 *   <li>{@code Mcp-Session-Id}, {@code MCP-Protocol-Version}, {@code Mcp-Method} and {@code Mcp-Name}
 *       appear at most once, so the value the gateway checks is the only one the upstream can see.</li>
 * </ul>
 */
public final class McpTransportRules {

    static final List<String> SINGLE_VALUED =
            List.of(McpHeaders.SESSION_ID, McpHeaders.PROTOCOL_VERSION, McpHeaders.METHOD, McpHeaders.NAME);
    private static final Set<HttpMethod> STREAMABLE = Set.of(HttpMethod.POST, HttpMethod.GET, HttpMethod.DELETE);

    private McpTransportRules() {}

    /** The methods {@code path} of {@code route} accepts (the {@code Allow} header of a {@code 405}). */
    public static Set<HttpMethod> allowedMethods(RouteConfig route, String path) {
        if (route.transport() == RouteConfig.Transport.SSE) {
            return path.equals(route.legacyMessagePath()) ? Set.of(HttpMethod.POST) : Set.of(HttpMethod.GET);
        }
        // MCP 2026-07-28 Streamable HTTP, "Earlier Streamable HTTP Revisions": no GET stream, no session to DELETE.
        return route.eras() == RouteConfig.Eras.MODERN_ONLY ? Set.of(HttpMethod.POST) : STREAMABLE;
    }

    /** Why this request must be refused, if it must. */
    public static Optional<GatewayError> violation(
            RouteConfig route, String path, HttpMethod method, HttpHeaders headers) {
        if (!allowedMethods(route, path).contains(method)) {
            return Optional.of(
                    refuse(HttpStatus.METHOD_NOT_ALLOWED, "Method " + method.name() + " is not allowed here"));
        }
        for (String name : SINGLE_VALUED) {
            List<String> lines = headers.getOrEmpty(name);
            if (lines.size() > 1 || headers.getValuesAsList(name).size() > 1) {
                return Optional.of(
                        refuse(HttpStatus.BAD_REQUEST, "The " + name + " header must appear once, with one value"));
            }
        }
        String version = headers.getFirst(McpHeaders.PROTOCOL_VERSION);
        // A value that is no date but sorts after 2026-07-28 (v999.0.0) is a modern claim of an unknown revision: the
        // body decides its rules, and the upstream answers it with the versions it supports (-32022).
        if (version != null
                && !ProtocolVersions.isRevision(version.strip())
                && !(ProtocolVersions.isModern(version.strip()) && isVisibleAscii(version.strip()))) {
            return Optional.of(
                    refuse(HttpStatus.BAD_REQUEST, "Unsupported MCP-Protocol-Version: a revision date is expected"));
        }
        if (method != HttpMethod.POST) {
            boolean body = headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
            return body
                    ? Optional.of(refuse(HttpStatus.BAD_REQUEST, method.name() + " requests must not carry a body"))
                    : Optional.empty();
        }
        return unsupportedBody(headers);
    }

    /**
     * Whether no field of {@code Content-Encoding} names a coding (RFC 9110 §8.4): every element of every field is
     * {@code identity}. Each field counts, not the first alone: the upstream decodes all of them, in order.
     */
    private static boolean identityOnly(List<String> fields) {
        if (fields.isEmpty()) {
            return true;
        }
        List<String> codings = HeaderLists.elements(fields);
        if (codings.isEmpty()) {
            return false;
        }
        for (String coding : codings) {
            if (!coding.equalsIgnoreCase("identity")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisibleAscii(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    private static Optional<GatewayError> unsupportedBody(HttpHeaders headers) {
        if (!identityOnly(headers.getOrEmpty(HttpHeaders.CONTENT_ENCODING))) {
            return Optional.of(unsupportedMediaType());
        }
        MediaType type;
        try {
            type = headers.getContentType();
        } catch (InvalidMediaTypeException e) {
            return Optional.of(unsupportedMediaType());
        }
        if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
            return Optional.of(unsupportedMediaType());
        }
        String charset = type.getParameter("charset");
        if (charset != null && !isUtf8(charset)) {
            return Optional.of(unsupportedMediaType());
        }
        return Optional.empty();
    }

    private static boolean isUtf8(String charset) {
        try {
            return Charset.forName(charset.replace("\"", "").trim()).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static GatewayError unsupportedMediaType() {
        return refuse(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "MCP messages must be sent as Content-Type: application/json in UTF-8, without Content-Encoding");
    }

    private static GatewayError refuse(HttpStatus status, String message) {
        return GatewayError.jsonRpc(status, JsonRpcViolation.INVALID_REQUEST, message, Map.of());
    }
}
