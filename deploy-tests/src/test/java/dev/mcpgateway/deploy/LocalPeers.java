package dev.mcpgateway.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The gateway's peers on loopback, in one WireMock server: an authorization server that publishes its signing keys
 * (and mints RS256 access tokens here), and an MCP upstream that answers every POST with a JSON-RPC result.
 */
final class LocalPeers implements AutoCloseable {

    private final WireMockServer wireMock;
    private final RSAKey signingKey;

    LocalPeers() {
        try {
            wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            wireMock.start();
            signingKey = new RSAKeyGenerator(2048).keyID("deploy-tests").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        wireMock.stubFor(get(urlEqualTo("/jwks")).willReturn(okJson(new JWKSet(signingKey.toPublicJWK()).toString())));
        wireMock.stubFor(post(urlEqualTo("/mcp"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}")));
    }

    String issuer() {
        return "http://127.0.0.1:" + wireMock.port() + "/issuer";
    }

    String jwksUri() {
        return "http://127.0.0.1:" + wireMock.port() + "/jwks";
    }

    String upstream() {
        return "http://127.0.0.1:" + wireMock.port() + "/mcp";
    }

    /** A valid access token for {@code resource}, with {@code mcp:access}. */
    String token(String resource) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("alice")
                .audience(List.of(resource))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", "deploy-tests")
                .claim("scope", "mcp:access")
                .build();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signingKey.getKeyID())
                            .type(new JOSEObjectType("at+jwt"))
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        wireMock.stop();
    }
}
