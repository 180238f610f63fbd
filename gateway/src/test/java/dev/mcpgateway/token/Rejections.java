package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Assertions on verification outcomes; every rejection is also checked for leaked token fragments. */
final class Rejections {

    static final Duration WAIT = Duration.ofSeconds(20);

    private Rejections() {}

    static Jwt assertAccepted(Mono<Jwt> verification) {
        Jwt jwt = verification.block(WAIT);
        assertThat(jwt).isNotNull();
        return jwt;
    }

    static void assertRejected(Mono<Jwt> verification, TokenRejection expected, String token) {
        StepVerifier.create(verification)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(InvalidBearerTokenException.class);
                    OAuth2Error oauthError = ((InvalidBearerTokenException) error).getError();
                    assertThat(oauthError.getErrorCode()).isEqualTo("invalid_token");
                    assertThat(oauthError.getDescription()).isEqualTo(expected.description());
                    assertThat(error.getCause()).isNull();
                    assertNoTokenFragment(error.getMessage(), token);
                })
                .verify(WAIT);
    }

    static void assertKeysUnavailable(Mono<Jwt> verification, String token) {
        StepVerifier.create(verification)
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(AuthenticationServiceException.class);
                    assertThat(error.getCause()).isNull();
                    assertNoTokenFragment(error.getMessage(), token);
                })
                .verify(WAIT);
    }

    /** Fails if {@code text} contains any dot-separated segment of the token (or a long slice of one). */
    static void assertNoTokenFragment(String text, String token) {
        if (text == null || token == null) {
            return;
        }
        Arrays.stream(token.split("\\."))
                .filter(segment -> segment.length() >= 12)
                .forEach(segment -> {
                    assertThat(text).doesNotContain(segment);
                    assertThat(text).doesNotContain(segment.substring(0, 12));
                });
    }
}
