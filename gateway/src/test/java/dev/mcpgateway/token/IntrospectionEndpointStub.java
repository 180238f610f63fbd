package dev.mcpgateway.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A WireMock RFC 7662 introspection endpoint on 127.0.0.1: answers per token, can be slow or failing, and counts
 * the calls it receives.
 */
public final class IntrospectionEndpointStub implements AutoCloseable {

    public static final String PATH = "/introspect";

    private final WireMockServer server;

    public IntrospectionEndpointStub() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    public URI uri() {
        return URI.create(baseUrl() + PATH);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The endpoint answers {@code response} for {@code token}, after {@code delay}. */
    public void answer(String token, Map<String, Object> response, Duration delay) {
        server.stubFor(post(urlEqualTo(PATH))
                .withRequestBody(containing("token=" + urlEncode(token)))
                .willReturn(okJson(JSONObjectUtils.toJSONString(response)).withFixedDelay((int) delay.toMillis())));
    }

    public void answer(String token, Map<String, Object> response) {
        answer(token, response, Duration.ZERO);
    }

    /** Every request gets {@code status} with {@code body}. */
    public void fail(int status, String body) {
        server.stubFor(post(urlEqualTo(PATH))
                .atPriority(1)
                .willReturn(aResponse().withStatus(status).withBody(body)));
    }

    /** A JSON document at another path of the same server, e.g. its metadata. */
    public void publishJson(String path, Map<String, Object> document) {
        server.stubFor(get(urlEqualTo(path)).willReturn(okJson(JSONObjectUtils.toJSONString(document))));
    }

    public int calls() {
        return server.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    }

    public List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    public int totalRequests() {
        return server.getAllServeEvents().size();
    }

    public void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
