package dev.mcpgateway.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/** A WireMock authorization server on 127.0.0.1 that publishes JWK Sets and metadata documents. */
final class AuthorizationServerStub implements AutoCloseable {

    static final String JWKS_PATH = "/jwks";

    private final WireMockServer server;

    AuthorizationServerStub() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    URI url(String path) {
        return URI.create(baseUrl() + path);
    }

    void publishKeys(JWK... keys) {
        publishKeys(JWKS_PATH, Duration.ZERO, keys);
    }

    void publishKeys(String path, Duration delay, JWK... keys) {
        String body = new JWKSet(Arrays.stream(keys).map(JWK::toPublicJWK).toList()).toString();
        server.stubFor(get(urlEqualTo(path)).willReturn(okJson(body).withFixedDelay((int) delay.toMillis())));
    }

    void publishRawKeys(String json) {
        server.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson(json)));
    }

    void failKeys() {
        server.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(serverError()));
    }

    void publishMetadata(String path, String issuer, URI jwksUri) {
        String body = JSONObjectUtils.toJSONString(Map.of("issuer", issuer, "jwks_uri", jwksUri.toString()));
        server.stubFor(get(urlEqualTo(path)).willReturn(okJson(body)));
    }

    void publishDocument(String path, int status, String body) {
        server.stubFor(
                get(urlEqualTo(path)).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    int requestsTo(String path) {
        return server.findAll(getRequestedFor(urlEqualTo(path))).size();
    }

    int totalRequests() {
        return server.getAllServeEvents().size();
    }

    void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }
}
