package dev.mcpgateway.demo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line options of {@link DemoLauncher}, each {@code --name=value}; relative paths are
 * resolved against the working directory (the repository root in the quickstart).
 *
 * @param authServerPort port of the demo authorization server ({@code --as-port}, default 9000)
 * @param upstreamPort port of the demo MCP upstream ({@code --upstream-port}, default 9001)
 * @param gatewayPort port of the gateway ({@code --gateway-port}, default 8080)
 * @param gatewayJar the gateway's executable jar ({@code --gateway-jar})
 * @param routes the routes file handed to the gateway ({@code --routes}, default {@code routes.yaml})
 */
record LaunchOptions(int authServerPort, int upstreamPort, int gatewayPort, Path gatewayJar, Path routes) {

    static final String USAGE =
            "Usage: java -jar mcp-auth-gateway-demo-exec.jar [--as-port=9000] [--upstream-port=9001]"
                    + " [--gateway-port=8080] [--gateway-jar=gateway/target/mcp-auth-gateway.jar] [--routes=routes.yaml]";

    /**
     * Parses {@code --name=value} arguments.
     * @throws IllegalArgumentException naming the offending argument, followed by the usage line
     */
    static LaunchOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>(Map.of(
                "as-port",
                "9000",
                "upstream-port",
                "9001",
                "gateway-port",
                "8080",
                "gateway-jar",
                "gateway/target/mcp-auth-gateway.jar",
                "routes",
                "routes.yaml"));
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = (arg.startsWith("--") && equals > 2) ? arg.substring(2, equals) : null;
            if (name == null || !values.containsKey(name)) {
                throw new IllegalArgumentException("Unknown argument: " + arg + System.lineSeparator() + USAGE);
            }
            values.put(name, arg.substring(equals + 1));
        }
        return new LaunchOptions(
                port(values, "as-port"),
                port(values, "upstream-port"),
                port(values, "gateway-port"),
                Path.of(values.get("gateway-jar")),
                Path.of(values.get("routes")));
    }

    private static int port(Map<String, String> values, String name) {
        String value = values.get(name);
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException ex) {
            // reported below with the option name
        }
        throw new IllegalArgumentException(
                "--" + name + " must be a port between 1 and 65535, was: " + value + System.lineSeparator() + USAGE);
    }
}
