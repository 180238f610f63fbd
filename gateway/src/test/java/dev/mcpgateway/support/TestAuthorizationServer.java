package dev.mcpgateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fake authorization server of every test: a WireMock server on 127.0.0.1 that plays the parts of an OAuth
 * authorization server the gateway talks to, each of which a test can script, slow down or break, and count.
 * <ul>
 *   <li>Keys (RFC 7517): its own RS256 signing key ({@code kid} {@value #KEY_ID}) is published at
 *       {@value #JWKS_PATH} from the start; {@code publishKeys…} replace that set (rotation, another {@code kid},
 *       another path), {@link #publishSlowKeys} delays it, {@link #failKeys} answers {@code 500}.</li>
 *   <li>Metadata (RFC 8414 §3, OpenID Connect Discovery 1.0 §4): {@link #publishMetadata}, {@link #publishJson} and
 *       {@link #publishDocument} serve whatever document a test needs at any well-known path.</li>
 *   <li>Introspection (RFC 7662) at {@value #INTROSPECTION_PATH}: an answer per token, optionally slow, or a
 *       failure for every request.</li>
 *   <li>Tokens: {@link #token} mints a valid access token of {@link #issuer()} for an audience, one claim changeable
 *       at a time; {@link #sign} signs any header and claims with the signing key.</li>
 * </ul>
 * Unscripted requests get WireMock's {@code 404}. {@link #reset} goes back to the state {@link #start} left.
 *
 * <p>Registered on a static field with {@code @RegisterExtension}, one server serves a whole test class: it is
 * {@linkplain #reset reset} before each test and closed after the last.
 */
public final class TestAuthorizationServer implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    public static final String JWKS_PATH = "/jwks";
    public static final String INTROSPECTION_PATH = "/introspect";
    /** The {@code kid} of {@link #signingKey()}. */
    public static final String KEY_ID = "test-key-1";

    private final WireMockServer wireMock;
    private final RSAKey signingKey;

    private TestAuthorizationServer(WireMockServer wireMock, RSAKey signingKey) {
        this.wireMock = wireMock;
        this.signingKey = signingKey;
    }

    /** A server on a free port with a fresh signing key, publishing it at {@value #JWKS_PATH}. */
    public static TestAuthorizationServer start() {
        WireMockServer wireMock =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        try {
            TestAuthorizationServer server = new TestAuthorizationServer(
                    wireMock, new RSAKeyGenerator(2048).keyID(KEY_ID).generate());
            server.publishKeys(server.signingKey);
            return server;
        } catch (JOSEException e) {
            wireMock.stop();
            throw new IllegalStateException(e);
        }
    }

    // --- addresses -------------------------------------------------------------------------------------------------

    public String baseUrl() {
        return "http://127.0.0.1:" + wireMock.port();
    }

    public URI url(String path) {
        return URI.create(baseUrl() + path);
    }

    /** The issuer its {@linkplain #token tokens} name; it publishes no metadata for it unless a test does. */
    public String issuer() {
        return baseUrl() + "/issuer";
    }

    public String jwksUri() {
        return baseUrl() + JWKS_PATH;
    }

    public URI introspectionUri() {
        return url(INTROSPECTION_PATH);
    }

    // --- tokens ----------------------------------------------------------------------------------------------------

    public RSAKey signingKey() {
        return signingKey;
    }

    public String token(String audience, String scope) {
        return token(audience, scope, claims -> {});
    }

    /**
     * A valid {@code at+jwt} for {@code audience} with {@code scope}: issued now, valid for ten minutes, subject
     * {@code alice}, client {@code test-client}; {@code customizer} may change or remove any claim.
     */
    public String token(String audience, String scope, Consumer<JWTClaimsSet.Builder> customizer) {
        Instant now = Instant.now();
        return TokenBuilder.signedWith(signingKey)
                .issuer(issuer())
                .subject("alice")
                .audience(audience)
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plusSeconds(600))
                .claims(claims -> claims.jwtID(UUID.randomUUID().toString()))
                .claim("client_id", "test-client")
                .claim("scope", scope)
                .claims(customizer)
                .serialize();
    }

    /** {@code claims} under {@code header}, exactly as given, signed with {@link #signingKey()}. */
    public String sign(JWTClaimsSet claims, JWSHeader header) {
        return TokenBuilder.sign(signingKey, header, claims);
    }

    // --- keys ------------------------------------------------------------------------------------------------------

    /** Replaces the key set at {@value #JWKS_PATH} with the public parts of {@code keys}. */
    public void publishKeys(JWK... keys) {
        publishKeys(JWKS_PATH, Duration.ZERO, keys);
    }

    /** A key set at another path, e.g. a second issuer's or one named by metadata. */
    public void publishKeysAt(String path, JWK... keys) {
        publishKeys(path, Duration.ZERO, keys);
    }

    /** The key set at {@value #JWKS_PATH}, answered only after {@code delay}. */
    public void publishSlowKeys(Duration delay, JWK... keys) {
        publishKeys(JWKS_PATH, delay, keys);
    }

    /** A JSON document at {@value #JWKS_PATH} that need not be a JWK Set. */
    public void publishRawKeys(String json) {
        wireMock.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson(json)));
    }

    /** {@value #JWKS_PATH} answers {@code 500} until keys are published again. */
    public void failKeys() {
        wireMock.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(serverError()));
    }

    /** How many times the key set at {@value #JWKS_PATH} was fetched. */
    public int jwksFetches() {
        return requestsTo(JWKS_PATH);
    }

    private void publishKeys(String path, Duration delay, JWK... keys) {
        String body = new JWKSet(Arrays.stream(keys).map(JWK::toPublicJWK).toList()).toString();
        wireMock.stubFor(get(urlEqualTo(path)).willReturn(okJson(body).withFixedDelay((int) delay.toMillis())));
    }

    // --- metadata and other documents ------------------------------------------------------------------------------

    /** A metadata document at {@code path} declaring {@code issuer} and {@code jwksUri}, and nothing else. */
    public void publishMetadata(String path, String issuer, URI jwksUri) {
        publishJson(path, Map.of("issuer", issuer, "jwks_uri", jwksUri.toString()));
    }

    /** {@code document} as {@code application/json} at {@code path}. */
    public void publishJson(String path, Map<String, Object> document) {
        wireMock.stubFor(get(urlEqualTo(path)).willReturn(okJson(JSONObjectUtils.toJSONString(document))));
    }

    /** {@code body} with {@code status} and no {@code Content-Type} at {@code path}: an HTML page, a broken answer. */
    public void publishDocument(String path, int status, String body) {
        wireMock.stubFor(
                get(urlEqualTo(path)).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    // --- introspection ---------------------------------------------------------------------------------------------

    public void answerIntrospection(String token, Map<String, Object> response) {
        answerIntrospection(token, response, Duration.ZERO);
    }

    /** Introspecting {@code token} answers {@code response} (RFC 7662 §2.2), after {@code delay}. */
    public void answerIntrospection(String token, Map<String, Object> response, Duration delay) {
        wireMock.stubFor(post(urlEqualTo(INTROSPECTION_PATH))
                .withRequestBody(containing("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .willReturn(okJson(JSONObjectUtils.toJSONString(response)).withFixedDelay((int) delay.toMillis())));
    }

    /** Every introspection request gets {@code status} with {@code body}, whatever was answered before. */
    public void failIntrospection(int status, String body) {
        wireMock.stubFor(post(urlEqualTo(INTROSPECTION_PATH))
                .atPriority(1)
                .willReturn(aResponse().withStatus(status).withBody(body)));
    }

    public int introspectionCalls() {
        return introspectionRequests().size();
    }

    /** The introspection requests received, oldest first. */
    public List<RecordedRequest> introspectionRequests() {
        return wireMock.findAll(postRequestedFor(urlEqualTo(INTROSPECTION_PATH))).stream()
                .map(TestAuthorizationServer::recorded)
                .toList();
    }

    // --- journal ---------------------------------------------------------------------------------------------------

    /** How many {@code GET} requests reached {@code path}. */
    public int requestsTo(String path) {
        return wireMock.findAll(getRequestedFor(urlEqualTo(path))).size();
    }

    /** Every request received, of any method to any path. */
    public int totalRequests() {
        return wireMock.getAllServeEvents().size();
    }

    /** Forgets every request and everything published; publishes the signing key again. */
    public void reset() {
        wireMock.resetAll();
        publishKeys(signingKey);
    }

    @Override
    public void close() {
        wireMock.stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private static RecordedRequest recorded(LoggedRequest request) {
        HttpHeaders headers = new DefaultHttpHeaders();
        request.getHeaders().all().forEach(header -> headers.add(header.key(), header.values()));
        return new RecordedRequest(request.getMethod().getName(), request.getUrl(), headers, request.getBodyAsString());
    }
}
