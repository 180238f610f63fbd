package dev.mcpgateway.demo;

/**
 * What the launcher prints once the gateway is ready: where everything listens and three
 * copy-paste {@code curl} commands (token, 401 probe, authorized {@code initialize}).
 *
 * @param gatewayUrl the gateway's public base URL
 * @param issuer the authorization server's issuer
 * @param upstreamMcpUrl the upstream's MCP endpoint, reachable without the gateway
 */
record ReadyBanner(String gatewayUrl, String issuer, String upstreamMcpUrl) {

    static final String ROUTE_PATH = "/demo/mcp";

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1.0\"}}}";

    String mcpEndpoint() {
        return this.gatewayUrl + ROUTE_PATH;
    }

    String tokenCommand() {
        return "curl -s -u demo-client:demo-secret -d grant_type=client_credentials -d scope='mcp:access mcp:tools'"
                + " -d resource=" + mcpEndpoint() + " " + this.issuer + "/oauth2/token";
    }

    String text() {
        String post = "curl -i -X POST " + mcpEndpoint() + " -H 'Content-Type: application/json'"
                + " -H 'Accept: application/json, text/event-stream'";
        String n = System.lineSeparator();
        return String.join(
                n,
                "",
                "==================== mcp-auth-gateway demo is ready ====================",
                "  Gateway              " + this.gatewayUrl,
                "  MCP endpoint         " + mcpEndpoint(),
                "  Authorization server " + this.issuer + "  (user alice / alice, clients demo-client, demo-public)",
                "  Upstream (no auth)   " + this.upstreamMcpUrl,
                "",
                "  (a) Get an access token for the MCP endpoint:",
                "      TOKEN=$(" + tokenCommand() + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')",
                "  (b) Without a token the gateway answers 401 and points to its resource metadata:",
                "      " + post + " -d '" + INITIALIZE + "'",
                "  (c) Initialize with the token:",
                "      " + post + " -H \"Authorization: Bearer $TOKEN\" -d '" + INITIALIZE + "'",
                "",
                "  MCP Inspector: transport Streamable HTTP, URL " + mcpEndpoint() + ", then Connect.",
                "  Ctrl-C stops the gateway, the authorization server and the upstream.",
                "=========================================================================",
                "");
    }
}
