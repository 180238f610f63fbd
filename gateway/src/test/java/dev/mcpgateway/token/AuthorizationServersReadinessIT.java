package dev.mcpgateway.token;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.mcpgateway.support.StandaloneGateway;
import dev.mcpgateway.support.TestPeers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 13 acceptance: readiness is false while an authorization server's keys have never been read, and turns true
 * once they are; the gateway reads them at start-up and retries, without waiting for a first token.
 */
class AuthorizationServersReadinessIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final WireMockServer authorizationServer =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private ConfigurableApplicationContext gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        authorizationServer.stop();
    }

    @Test
    void readinessIsOutOfServiceUntilTheSigningKeysWereReadOnceThenUp() throws Exception {
        authorizationServer.start();
        authorizationServer.stubFor(get(urlEqualTo("/jwks")).willReturn(serviceUnavailable()));
        int port = TestPeers.freePort();
        String issuer = "http://127.0.0.1:" + authorizationServer.port() + "/issuer";
        Path routes = Files.createTempDirectory("readiness-it").resolve("routes.yaml");
        Files.writeString(routes, """
                gateway:
                  public-base-url: http://127.0.0.1:%d
                  authorization-servers:
                    corp:
                      issuer: %s
                      jwks-uri: http://127.0.0.1:%d/jwks
                routes:
                  - id: test
                    path: /test/mcp
                    upstream: http://127.0.0.1:%d/mcp
                    authorization-servers: [corp]
                """.formatted(port, issuer, authorizationServer.port(), TestPeers.freePort()));
        gateway = StandaloneGateway.start(routes, port, "--gateway.readiness.authorization-servers=true");

        // The gateway tried to read the keys by itself (no token was sent) and failed: not ready.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !authorizationServer
                        .findAll(getRequestedFor(urlEqualTo("/jwks")))
                        .isEmpty());
        assertThat(readiness(port).statusCode()).isEqualTo(503);
        assertThat(readiness(port).body()).contains("OUT_OF_SERVICE");

        authorizationServer.stubFor(get(urlEqualTo("/jwks"))
                .willReturn(okJson(new JWKSet(
                                new RSAKeyGenerator(2048).keyID("k1").generate().toPublicJWK())
                        .toString())));

        // A readiness call that is merely slow on a loaded machine is not what this test is about: ask again.
        await().atMost(Duration.ofSeconds(60))
                .ignoreException(java.net.http.HttpTimeoutException.class)
                .untilAsserted(() -> {
                    HttpResponse<String> ready = readiness(port);
                    assertThat(ready.statusCode()).isEqualTo(200);
                    assertThat(ready.body()).contains("\"status\":\"UP\"");
                });
    }

    private static HttpResponse<String> readiness(int port) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
