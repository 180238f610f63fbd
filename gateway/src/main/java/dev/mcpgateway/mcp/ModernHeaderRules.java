package dev.mcpgateway.mcp;

import dev.mcpgateway.web.McpHeaders;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * MCP 2026-07-28 Streamable HTTP, "Server Validation" (SEP-2243), for a request whose body claims a modern revision:
 * {@code MCP-Protocol-Version} equals the body's {@code _meta} version, {@code Mcp-Method} is present and equals the
 * method, {@code Mcp-Name} is present and equals {@code params.name} ({@code tools/call}, {@code prompts/get}) or
 * {@code params.uri} ({@code resources/read}), and every recognized {@code Mcp-Param-*} (declared by the tool's
 * {@code x-mcp-header}) mirrors its argument. Names compare case-insensitively, values exactly after Base64 sentinels
 * are decoded ({@link McpHeaderValues}); integers and numbers compare numerically ({@code 42.0} equals {@code 42}).
 * A pure function: the body stays the only source of truth, a header can only be refused.
 */
final class ModernHeaderRules {

    private static final Set<String> NAMED =
            Set.of(InspectedMessage.TOOLS_CALL, InspectedMessage.PROMPTS_GET, InspectedMessage.RESOURCES_READ);

    private ModernHeaderRules() {}

    /** Why the headers of modern request {@code message} contradict its body, if they do. */
    static Optional<String> violation(
            HttpHeaders headers, InspectedMessage message, List<ParamHeaderCatalog.Declared> declared) {
        String version = single(headers, McpHeaders.PROTOCOL_VERSION);
        if (version == null) {
            return Optional.of("The MCP-Protocol-Version header is required");
        }
        if (!McpHeaderValues.trimWhitespace(version).equals(message.envelope().version())) {
            return Optional.of("The MCP-Protocol-Version header does not match _meta."
                    + InspectedMessage.PROTOCOL_VERSION_META + " in the body");
        }
        String method = single(headers, McpHeaders.METHOD);
        if (method == null) {
            return Optional.of("The Mcp-Method header is required");
        }
        if (!McpHeaderValues.trimWhitespace(method).equals(message.method())) {
            return Optional.of("The Mcp-Method header does not match the method in the body");
        }
        if (NAMED.contains(message.method()) && message.name() != null) {
            String name = single(headers, McpHeaders.NAME);
            if (name == null) {
                return Optional.of("The Mcp-Name header is required for " + message.method());
            }
            Optional<String> decoded = McpHeaderValues.decode(name);
            if (decoded.isEmpty()) {
                return Optional.of("The Mcp-Name header is malformed");
            }
            if (!decoded.get().equals(message.name())) {
                return Optional.of("The Mcp-Name header does not match the name or URI in the body");
            }
        }
        for (ParamHeaderCatalog.Declared param : declared) {
            Optional<String> mismatch = paramViolation(headers, param, message.arguments());
            if (mismatch.isPresent()) {
                return mismatch;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> paramViolation(
            HttpHeaders headers, ParamHeaderCatalog.Declared param, @Nullable JsonNode arguments) {
        String header = McpHeaders.PARAM_PREFIX + param.header();
        @Nullable JsonNode value = arguments;
        for (String key : param.path()) {
            value = value == null || !value.isObject() ? null : value.get(key);
        }
        if (value == null || value.isNull()) {
            // "Parameter not in arguments" / "value is null": the client omits the header, nothing is expected.
            return Optional.empty();
        }
        List<String> lines = headers.getOrEmpty(header);
        if (lines.isEmpty()) {
            return Optional.of("The " + header + " header is required: the body sets its argument");
        }
        if (lines.size() > 1) {
            return Optional.of("The " + header + " header must appear once");
        }
        Optional<String> decoded = McpHeaderValues.decode(lines.get(0));
        if (decoded.isEmpty()) {
            return Optional.of("The " + header + " header is malformed");
        }
        return mirrors(decoded.get(), value)
                ? Optional.empty()
                : Optional.of("The " + header + " header does not match its argument in the body");
    }

    /** Type conversion of "Value Encoding": strings as they are, numbers in decimal, booleans lowercase. */
    private static boolean mirrors(String header, JsonNode value) {
        if (value.isString()) {
            return header.equals(value.stringValue());
        }
        if (value.isBoolean()) {
            return header.equals(value.booleanValue() ? "true" : "false");
        }
        if (value.isNumber()) {
            return isDecimal(header) && new BigDecimal(header).compareTo(value.decimalValue()) == 0;
        }
        return false;
    }

    /** {@code -?digits(.digits)?}: the decimal form a number is mirrored in, parsed only when it has that form. */
    private static boolean isDecimal(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        int dot = text.indexOf('.');
        int digitsEnd = dot < 0 ? text.length() : dot;
        if (digitsEnd == start || dot == text.length() - 1 || text.length() > 40) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (i != dot && (text.charAt(i) < '0' || text.charAt(i) > '9')) {
                return false;
            }
        }
        return true;
    }

    /** The one value of a single-valued field ({@link McpTransportRules} refused repeated ones), or {@code null}. */
    private static @Nullable String single(HttpHeaders headers, String name) {
        return headers.getFirst(name);
    }
}
