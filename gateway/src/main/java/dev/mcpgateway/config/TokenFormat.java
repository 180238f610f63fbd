package dev.mcpgateway.config;

/**
 * How an authorization server's access tokens are validated ({@code token-format}).
 *
 * <ul>
 *   <li>{@link #JWT}: every token is a signed JWT (RFC 9068), verified locally with the server's keys.</li>
 *   <li>{@link #OPAQUE}: every token is introspected at the server (RFC 7662), whatever it looks like.</li>
 *   <li>{@link #AUTO}: a token that parses as a JWT is verified locally, anything else is introspected.</li>
 * </ul>
 */
public enum TokenFormat {
    JWT,
    OPAQUE,
    AUTO;

    /** Whether tokens of this format may be sent to the server's introspection endpoint. */
    public boolean introspects() {
        return this != JWT;
    }
}
