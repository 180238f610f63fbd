package dev.mcpgateway.mcp;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.GatewayError;
import dev.mcpgateway.web.McpHeaders;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Which rules a single JSON-RPC message is held to, by the era its body claims (MCP 2026-07-28 basic, "Versioning":
 * the body decides, the {@code MCP-Protocol-Version} header only cross-checks it, as the official SDKs classify):
 *
 * <ul>
 *   <li>A modern request (its {@code _meta} names 2026-07-28 or later) must carry matching standard headers and
 *       recognized {@code Mcp-Param-*} headers ({@link ModernHeaderRules}): otherwise {@code 400} with
 *       {@code -32020}. Modern notifications have no header requirements ("not defined by this revision").</li>
 *   <li>A malformed envelope, or a request whose header names a modern revision while its body carries no envelope,
 *       is {@code 400} with {@code -32602} ("Per-request protocol fields"); a body claiming another revision than
 *       its header is {@code 400} with {@code -32020}.</li>
 *   <li>A legacy request is refused on a {@code modern-only} route ({@code 400}, {@code -32022}); elsewhere only the
 *       headers it carries are checked, as before ({@link McpHeaderRules}).</li>
 * </ul>
 */
final class McpEraRules {

    /** MCP 2026-07-28 Streamable HTTP: a request without the header MAY be treated as this revision. */
    private static final String HEADERLESS_REVISION = "2025-03-26";

    private McpEraRules() {}

    /** Why {@code message} must be refused, if it must. */
    static Optional<GatewayError> refusal(
            RouteConfig route, HttpHeaders headers, InspectedMessage message, ParamHeaderCatalog params) {
        boolean request = message.kind() == InspectedMessage.Kind.REQUEST;
        if (message.envelope().malformed()) {
            return Optional.of(McpErrors.malformedEnvelope(
                    "_meta must be an object and _meta." + InspectedMessage.PROTOCOL_VERSION_META + " a string"));
        }
        if (message.isModern()) {
            if (!request) {
                return Optional.empty();
            }
            String tool = message.toolName();
            List<ParamHeaderCatalog.Declared> declared = tool == null ? List.of() : params.of(tool);
            return ModernHeaderRules.violation(headers, message, declared).map(McpErrors::modernHeaderMismatch);
        }
        String version = headers.getFirst(McpHeaders.PROTOCOL_VERSION);
        @Nullable String headerVersion = version == null ? null : McpHeaderValues.trimWhitespace(version);
        @Nullable String claimed = message.envelope().version();
        if (request && claimed != null && headerVersion != null && !headerVersion.equals(claimed)) {
            return Optional.of(McpErrors.modernHeaderMismatch("The MCP-Protocol-Version header does not match _meta."
                    + InspectedMessage.PROTOCOL_VERSION_META + " in the body"));
        }
        if (request && headerVersion != null && ProtocolVersions.isModern(headerVersion)) {
            return Optional.of(McpErrors.malformedEnvelope("the MCP-Protocol-Version header names protocol revision "
                    + headerVersion + ", but the request is missing the required _meta."
                    + InspectedMessage.PROTOCOL_VERSION_META));
        }
        if (request && route.eras() == RouteConfig.Eras.MODERN_ONLY) {
            return Optional.of(McpErrors.legacyRefused(
                    claimed != null ? claimed : headerVersion != null ? headerVersion : HEADERLESS_REVISION));
        }
        return McpHeaderRules.violation(
                        headers.getFirst(McpHeaders.METHOD),
                        headers.getFirst(McpHeaders.NAME),
                        new JsonRpcInspector.Inspection(List.of(message), false))
                .map(McpErrors::headerMismatch);
    }
}
