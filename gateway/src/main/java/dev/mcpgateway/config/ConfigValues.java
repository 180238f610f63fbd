package dev.mcpgateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validating converters for {@code routes.yaml} scalars; each throws {@link IllegalArgumentException} with a message fit for an operator. */
final class ConfigValues {

    /** RFC 6749 §3.3 scope-token: visible ASCII except space, double quote and backslash. */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    /** RFC 9110 §5.6.2 token, the grammar of header field names. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final Pattern ROUTE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private ConfigValues() {}

    /** An absolute http(s) URL without query or fragment. */
    static URI httpUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' must be an absolute http:// or https:// URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + text + "' must not have a query or fragment");
        }
        return uri;
    }

    /**
     * The canonical public base URL (MCP 2025-11-25 authorization, "Canonical Server URI"): lowercase
     * scheme and host, default port dropped. It must be a bare origin: RFC 9728 §3.1 inserts the
     * well-known segment between host and path, so route paths carry every path segment.
     */
    static URI canonicalBaseUrl(String text) {
        URI uri = httpUrl(text);
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException(
                    "'" + text + "' must be an origin without a path (put the path into each route's 'path')");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
            port = -1;
        }
        return URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port));
    }

    /**
     * An issuer identifier (RFC 8414 §2): an absolute URL without query or fragment, kept verbatim
     * because {@code iss} is compared with it character for character.
     */
    static String issuer(String text) {
        httpUrl(text);
        return text.trim();
    }

    /** A browser origin (RFC 6454): scheme, host and optional port, nothing else; returned in lowercase. */
    static String origin(String text) {
        URI uri = httpUrl(text);
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/") || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + text + "' is not an origin (scheme://host[:port], no path)");
        }
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** A public route path: starts with '/', no trailing '/', no query, not under the gateway's reserved prefixes. */
    static String routePath(String text) {
        if (!text.startsWith("/") || text.length() < 2) {
            throw new IllegalArgumentException("'" + text + "' must start with '/' and name a path, e.g. /github/mcp");
        }
        if (text.endsWith("/")
                || text.contains("?")
                || text.contains("#")
                || text.contains("//")
                || text.contains("*")) {
            throw new IllegalArgumentException(
                    "'" + text + "' must be a plain path without trailing '/', '//', wildcards, query or fragment");
        }
        if (text.startsWith("/.well-known") || text.equals("/actuator") || text.startsWith("/actuator/")) {
            throw new IllegalArgumentException("'" + text + "' is reserved by the gateway (/.well-known, /actuator)");
        }
        try {
            new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URL path");
        }
        return text;
    }

    static String routeId(String text) {
        if (!ROUTE_ID.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' must use letters, digits, '.', '_' or '-'");
        }
        return text;
    }

    static String scope(String text) {
        if (!SCOPE_TOKEN.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a valid scope (RFC 6749 §3.3: no spaces, quotes or backslashes)");
        }
        return text;
    }

    /**
     * A scope a request may need: a {@link #scope} other than {@code offline_access}, which asks for a refresh token
     * and is never a requirement of the resource (MCP 2026-07-28 authorization, SEP-2207: protected resources SHOULD
     * NOT name it in a challenge or in {@code scopes_supported}, and a route requiring it could never be satisfied).
     */
    static String requiredScope(String text) {
        if (text.equals(ScopeHierarchy.OFFLINE_ACCESS)) {
            throw new IllegalArgumentException(
                    "'offline_access' asks for a refresh token, it is not a scope a route can"
                            + " require (MCP 2026-07-28 authorization: never in a challenge or in scopes_supported)");
        }
        return scope(text);
    }

    static String headerName(String text) {
        if (!HEADER_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a valid HTTP header name");
        }
        return text;
    }
}
