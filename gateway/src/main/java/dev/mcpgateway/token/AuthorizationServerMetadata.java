package dev.mcpgateway.token;

import java.net.URI;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An authorization server's metadata document (RFC 8414 §2, OpenID Connect Discovery §3) and where it was found.
 *
 * @param location the well-known URL that served it
 * @param document the JSON object, as published, in its order
 */
public record AuthorizationServerMetadata(URI location, Map<String, Object> document) {

    public AuthorizationServerMetadata {
        document = Collections.unmodifiableMap(new LinkedHashMap<>(document));
    }

    /** The {@code issuer} the document declares, or {@code null}. */
    public @Nullable Object declaredIssuer() {
        return document.get("issuer");
    }

    /**
     * Whether {@code code_challenge_methods_supported} lists {@code S256} (RFC 8414 §2, RFC 7636 §4.2). MCP clients
     * MUST refuse an authorization server whose metadata does not (MCP 2025-11-25 authorization, "Authorization Code
     * Protection").
     */
    public boolean supportsS256() {
        return document.get("code_challenge_methods_supported") instanceof Collection<?> methods
                && methods.contains("S256");
    }
}
