package dev.mcpgateway.mcp;

/**
 * MCP protocol revisions are dates ({@code YYYY-MM-DD}, MCP basic "Versioning"), so two compare as strings. A
 * {@code MCP-Protocol-Version} that is not such a date is invalid (MCP 2025-11-25 transports: an invalid or
 * unsupported version gets {@code 400}); the gateway refuses it itself rather than guess which rules apply to it.
 */
public final class ProtocolVersions {

    /** MCP 2025-06-18 removed JSON-RPC batching. */
    public static final String FIRST_WITHOUT_BATCHES = "2025-06-18";

    private ProtocolVersions() {}

    /** Whether {@code version} has the shape of a revision: four digits, dash, two digits, dash, two digits. */
    public static boolean isRevision(String version) {
        if (version.length() != 10 || version.charAt(4) != '-' || version.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < version.length(); i++) {
            if (i != 4 && i != 7 && (version.charAt(i) < '0' || version.charAt(i) > '9')) {
                return false;
            }
        }
        return true;
    }
}
