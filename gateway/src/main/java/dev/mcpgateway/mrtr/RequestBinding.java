package dev.mcpgateway.mrtr;

import java.nio.charset.StandardCharsets;

/**
 * What a sealed request state is bound to (MCP 2026-07-28 basic/patterns/mrtr, "to prevent replay"): the principal
 * (issuer and subject, and whether the subject was made from a client id), the route, the method and a digest of
 * the request's salient parameters ({@link ParamsDigest}). It is the additional authenticated data of the AEAD
 * envelope, so a state presented under any other binding fails to open.
 *
 * @param issuer        the token's issuer
 * @param subject       the token's subject
 * @param clientSubject whether the subject names a client rather than a user
 * @param route         the route id
 * @param method        the JSON-RPC method
 * @param paramsDigest  the digest of the parameters, without the fields a retry adds
 */
record RequestBinding(
        String issuer, String subject, boolean clientSubject, String route, String method, byte[] paramsDigest) {

    private static final byte SEPARATOR = 0;

    /** Length-free but unambiguous: no part may contain NUL except the digest, which is last and fixed-length. */
    byte[] associatedData() {
        StringBuilder text = new StringBuilder("mcp-gateway request-state v1");
        for (String part : new String[] {issuer, subject, clientSubject ? "client" : "user", route, method}) {
            text.append((char) SEPARATOR).append(part.replace("\0", "\\0"));
        }
        byte[] head = text.append((char) SEPARATOR).toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + paramsDigest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(paramsDigest, 0, all, head.length, paramsDigest.length);
        return all;
    }
}
