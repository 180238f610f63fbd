package dev.mcpgateway.warmup;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The other end of the warm-up route, in the gateway's own process and bound to {@code 127.0.0.1} on a free port: an
 * authorization server (RFC 8414 metadata and the JWK Set of an RSA key made for this warm-up only, whose private half
 * never leaves this object) and an MCP upstream answering {@code POST} with a small JSON result, a ten-event
 * {@code text/event-stream} for the tool {@value #STREAMED_TOOL}, {@code 202} for notifications, and {@code GET} with
 * a one-event stream. Its answers are fixed texts: it only ever sees the warm-up's own requests, after the gateway
 * has checked them.
 */
final class WarmUpPeer implements AutoCloseable {

    /** The tool whose calls are answered with an event stream. */
    static final String STREAMED_TOOL = "stream10";

    private static final int STREAM_EVENTS = 10;
    private static final String EVENT_STREAM = "text/event-stream";
    private static final byte[] PRIMING_EVENT = "id: 0\ndata:\n\n".getBytes(StandardCharsets.UTF_8);

    private final RSAKey key;
    private final RSASSASigner signer;
    private final DisposableServer server;
    private final byte[] metadata;
    private final byte[] jwkSet;
    private final LongAdder answered = new LongAdder();

    private WarmUpPeer(RSAKey key) throws JOSEException {
        this.key = key;
        this.signer = new RSASSASigner(key);
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(this::handle)
                .bindNow();
        String issuer = issuer();
        this.metadata = ("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\""
                        + ",\"authorization_endpoint\":\"" + issuer + "/authorize\",\"token_endpoint\":\"" + issuer
                        + "/token\",\"response_types_supported\":[\"code\"],"
                        + "\"code_challenge_methods_supported\":[\"S256\"]}")
                .getBytes(StandardCharsets.UTF_8);
        this.jwkSet = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Makes a fresh RSA 2048 key and binds a free loopback port. */
    static WarmUpPeer start() {
        try {
            return new WarmUpPeer(new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID("warm-up-" + UUID.randomUUID())
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make the warm-up signing key", e);
        }
    }

    /** The authorization server's issuer, also the origin of the MCP endpoint {@code <issuer>/mcp}. */
    String issuer() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Requests to the MCP endpoint answered so far. */
    long answered() {
        return answered.sum();
    }

    /** An RFC 9068 access token for {@code audience}, signed with this warm-up's key, valid for an hour. */
    String token(String audience, String subject, String scope) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(audience)
                .subject(subject)
                .claim("client_id", "mcp-gateway-warm-up")
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(new JOSEObjectType("at+jwt"))
                        .keyID(key.getKeyID())
                        .build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a warm-up token", e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(2));
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String path = request.fullPath();
        if (request.method().equals(HttpMethod.POST) && path.equals("/mcp")) {
            return call(request, response);
        }
        if (!request.method().equals(HttpMethod.GET)) {
            return response.status(HttpResponseStatus.METHOD_NOT_ALLOWED).send();
        }
        return switch (path) {
            case "/jwks" -> json(response, jwkSet);
            case "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration" ->
                json(response, metadata);
            case "/mcp" -> events(response, Flux.just(PRIMING_EVENT));
            default -> response.status(HttpResponseStatus.NOT_FOUND).send();
        };
    }

    private Publisher<Void> call(HttpServerRequest request, HttpServerResponse response) {
        return request.receive()
                .aggregate()
                .asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("")
                .flatMap(body -> {
                    answered.increment();
                    String id = WarmUpMessages.idOf(body);
                    if (id == null) {
                        return response.status(HttpResponseStatus.ACCEPTED)
                                .send()
                                .then();
                    }
                    if (body.contains("\"" + STREAMED_TOOL + "\"")) {
                        return events(
                                response,
                                Flux.range(0, STREAM_EVENTS)
                                        .map(i -> WarmUpMessages.streamEvent(id, i, STREAM_EVENTS)));
                    }
                    return json(
                            response,
                            body.contains("\"tools/list\"")
                                    ? WarmUpMessages.toolList(id)
                                    : WarmUpMessages.toolResult(id));
                });
    }

    private static Mono<Void> events(HttpServerResponse response, Flux<byte[]> events) {
        Flux<ByteBuf> buffers = events.map(Unpooled::wrappedBuffer);
        return response.header(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .send(buffers, buffer -> true)
                .then();
    }

    private static Mono<Void> json(HttpServerResponse response, byte[] body) {
        return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .sendByteArray(Mono.just(body))
                .then();
    }
}
