package dev.mcpgateway.load.upstream;

import java.nio.charset.StandardCharsets;

/**
 * What the benchmark upstream publishes as an authorization server: RFC 8414 metadata (served at both
 * well-known paths the gateway probes) and the JWK Set. The gateway only verifies tokens, so the metadata names
 * no working endpoints beyond {@code jwks_uri}; {@code S256} is listed because the gateway warns about a server
 * without PKCE.
 */
final class AuthorizationServerDocuments {

    private final byte[] metadata;
    private final byte[] jwkSet;

    AuthorizationServerDocuments(String issuer, String jwkSet) {
        this.metadata = ("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\""
                        + ",\"authorization_endpoint\":\"" + issuer + "/authorize\",\"token_endpoint\":\"" + issuer
                        + "/token\""
                        + ",\"response_types_supported\":[\"code\"],\"grant_types_supported\":[\"authorization_code\"]"
                        + ",\"code_challenge_methods_supported\":[\"S256\"]}")
                .getBytes(StandardCharsets.UTF_8);
        this.jwkSet = jwkSet.getBytes(StandardCharsets.UTF_8);
    }

    byte[] metadata() {
        return metadata;
    }

    byte[] jwkSet() {
        return jwkSet;
    }
}
