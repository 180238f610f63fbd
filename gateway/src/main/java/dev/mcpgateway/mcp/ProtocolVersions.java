package dev.mcpgateway.mcp;

import dev.mcpgateway.web.McpHeaders;

/**
 * MCP protocol revisions are dates ({@code YYYY-MM-DD}, MCP basic "Versioning"), so two compare as strings. A
 * {@code MCP-Protocol-Version} that is not such a date is invalid (MCP 2025-11-25 transports: an invalid or
 * unsupported version gets {@code 400}); the gateway refuses it itself rather than guess which rules apply to it.
 */
public final class ProtocolVersions {

    /** MCP 2025-06-18 removed JSON-RPC batching. */
    public static final String FIRST_WITHOUT_BATCHES = "2025-06-18";

    /**
     * MCP 2026-07-28 versioning: the first modern revision, whose requests carry their version, identity and
     * capabilities in {@code _meta} and need no session; revisions compare as dates, so later ones are modern too.
     */
    public static final String FIRST_MODERN = McpHeaders.FIRST_MODERN_REVISION;

    private ProtocolVersions() {}

    /**
     * Whether {@code version} claims a modern revision: it sorts at or after {@link #FIRST_MODERN}, as the official
     * SDKs compare. A value that is no date ({@code v999.0.0}) but sorts after is a modern claim of an unknown
     * revision, which the upstream answers with {@code -32022} and the versions it supports.
     */
    public static boolean isModern(String version) {
        return version.compareTo(FIRST_MODERN) >= 0;
    }

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
