package dev.mcpgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The per-client-address limit in front of token validation ({@code gateway.unauthenticated-rate-limit}):
 * requests that fail authentication are counted, requests that authenticate are not.
 */
class UnauthenticatedRateLimitIT extends MemoryRateLimitIntegrationTest {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    @Test
    void floodOfGarbageTokensFromOneAddressIsCutBeforeValidationAndJwksSeesAtMostOneFetch() {
        int jwksBefore = AUTHORIZATION_SERVER.jwksFetches();
        int upstreamBefore = UPSTREAM.count();
        List<Integer> statuses = IntStream.range(0, 40)
                .mapToObj(i -> status("/open/mcp", tokenWithUnknownKeyId(), FORWARDED_FOR, "203.0.113.10"))
                .toList();

        assertThat(statuses.subList(0, UNAUTHENTICATED_CAPACITY))
                .as("validated and refused")
                .containsOnly(401);
        assertThat(statuses.subList(UNAUTHENTICATED_CAPACITY, statuses.size()))
                .as("cut before validation")
                .containsOnly(429);
        assertThat(AUTHORIZATION_SERVER.jwksFetches() - jwksBefore)
                .as(
                        "unknown key ids may cause one JWKS refetch per minimum interval (30 s), however many tokens arrive")
                .isLessThanOrEqualTo(1);
        assertThat(UPSTREAM.count()).isEqualTo(upstreamBefore);
        post("/open/mcp", "garbage", FORWARDED_FOR, "203.0.113.10")
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectHeader()
                .valueEquals(RateLimitHeaders.POLICY, "\"unauthenticated\";q=" + UNAUTHENTICATED_CAPACITY + ";w=3600")
                .expectHeader()
                .doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.error.data.limit")
                .isEqualTo("unauthenticated");

        assertThat(status("/open/mcp", "garbage", FORWARDED_FOR, "203.0.113.11"))
                .as("another client address has its own bucket")
                .isEqualTo(401);
    }

    @Test
    void requestsThatAuthenticateAreNotChargedToTheAddress() {
        String token = AUTHORIZATION_SERVER.token(BASE_URL + "/open/mcp", "mcp:access");
        IntStream.range(0, 3 * UNAUTHENTICATED_CAPACITY)
                .forEach(i -> assertThat(status("/open/mcp", token, FORWARDED_FOR, "198.51.100.20"))
                        .isEqualTo(200));
        List<Integer> failures = IntStream.range(0, UNAUTHENTICATED_CAPACITY + 1)
                .mapToObj(i -> status("/open/mcp", "garbage", FORWARDED_FOR, "198.51.100.20"))
                .toList();
        assertThat(failures.subList(0, UNAUTHENTICATED_CAPACITY)).containsOnly(401);
        assertThat(failures.get(UNAUTHENTICATED_CAPACITY)).isEqualTo(429);
    }

    @Test
    void requestsWithoutAnyTokenCountToo() {
        List<Integer> statuses = IntStream.range(0, UNAUTHENTICATED_CAPACITY + 1)
                .mapToObj(i -> client().post()
                        .uri("/open/mcp")
                        .header(FORWARDED_FOR, "198.51.100.30")
                        .bodyValue(PING)
                        .exchange()
                        .expectBody()
                        .returnResult()
                        .getStatus()
                        .value())
                .toList();
        assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429);
    }

    @Test
    void forgedForwardedForHopsLeftOfTheTrustedProxyChainAreIgnored() {
        // The right-most untrusted hop is the client; what the client itself put to its left changes nothing.
        IntStream.range(0, UNAUTHENTICATED_CAPACITY)
                .forEach(i -> assertThat(
                                status("/open/mcp", "garbage", FORWARDED_FOR, "10.9.9." + i + ", 198.51.100.40"))
                        .isEqualTo(401));
        assertThat(status("/open/mcp", "garbage", FORWARDED_FOR, "10.9.9.99, 198.51.100.40"))
                .isEqualTo(429);
    }

    private static String tokenWithUnknownKeyId() {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(AUTHORIZATION_SERVER.issuer())
                .subject("mallory")
                .audience(BASE_URL + "/open/mcp")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("scope", "mcp:access")
                .build();
        return AUTHORIZATION_SERVER.sign(
                claims,
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(UUID.randomUUID().toString())
                        .type(JOSEObjectType.JWT)
                        .build());
    }
}
