package dev.mcpgateway.config;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The header fields in which the gateway tells an upstream who called (DESIGN.md §2): derived from the validated
 * token only, never taken from the client and never configurable as static route headers, so nobody can
 * impersonate anybody. One place for their names, shared by the configuration loader and the proxy.
 */
public final class IdentityHeaders {

    public static final String SUBJECT = "X-MCP-Subject";
    public static final String CLIENT_ID = "X-MCP-Client-Id";
    public static final String SCOPES = "X-MCP-Scopes";
    public static final String TENANT = "X-MCP-Tenant";

    /** Every identity header, lower case. */
    public static final Set<String> LOWER_CASE = Set.of(SUBJECT, CLIENT_ID, SCOPES, TENANT).stream()
            .map(name -> name.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    private IdentityHeaders() {}
}
