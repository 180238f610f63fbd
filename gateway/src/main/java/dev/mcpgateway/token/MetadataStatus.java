package dev.mcpgateway.token;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway found at an authorization server's metadata locations when the configuration was loaded.
 *
 * @param serverName the configured name
 * @param issuer     the configured issuer
 * @param state      the outcome of the lookup
 * @param metadata   the document found ({@link State#VALID}, or the offending one for {@link State#ISSUER_MISMATCH});
 *                   else {@code null}
 * @param warnings   problems that do not stop the gateway but make MCP clients fail (e.g. no {@code S256})
 */
public record MetadataStatus(
        String serverName,
        String issuer,
        State state,
        @Nullable AuthorizationServerMetadata metadata,
        List<String> warnings) {

    public MetadataStatus {
        warnings = List.copyOf(warnings);
    }

    /**
     * The document found, for the states that have one.
     *
     * @throws IllegalStateException for {@link State#NOT_FOUND} and {@link State#UNREACHABLE}
     */
    public AuthorizationServerMetadata foundMetadata() {
        if (metadata == null) {
            throw new IllegalStateException("No metadata document for state " + state);
        }
        return metadata;
    }

    /** The outcome of looking up one authorization server's metadata. */
    public enum State {
        /** Found, and its {@code issuer} is the configured one. */
        VALID,
        /** Found, but it declares another issuer: a configuration error (RFC 8414 §3.3). */
        ISSUER_MISMATCH,
        /** Every location answered, none with a metadata document. */
        NOT_FOUND,
        /** A location could not be reached in time. */
        UNREACHABLE
    }
}
