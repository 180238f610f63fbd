package dev.mcpgateway.token;

import static dev.mcpgateway.token.TestTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;

class TimestampValidatorTest {

    private final MutableClock clock = new MutableClock(NOW);
    private final TimestampValidator validator = new TimestampValidator(clock, Duration.ofSeconds(30));

    private String rejection(Instant expiresAt, Instant notBefore) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice");
        if (expiresAt != null) {
            jwt.expiresAt(expiresAt);
        }
        if (notBefore != null) {
            jwt.notBefore(notBefore);
        }
        return validator.validate(jwt.build()).getErrors().stream()
                .map(OAuth2Error::getDescription)
                .findFirst()
                .orElse(null);
    }

    @Test
    void tokenWithinItsLifetimeIsValid() {
        assertThat(rejection(NOW.plusSeconds(1), NOW.minusSeconds(1))).isNull();
    }

    @Test
    void expiryIsRequired() {
        assertThat(rejection(null, null)).isEqualTo(TokenRejection.MISSING_EXPIRY.description());
    }

    @Test
    void expiryAllowsTheConfiguredSkewAndNoMore() {
        assertThat(rejection(NOW.minusSeconds(29), null)).isNull();
        assertThat(rejection(NOW.minusSeconds(30), null)).isEqualTo(TokenRejection.EXPIRED.description());
    }

    @Test
    void notBeforeAllowsTheConfiguredSkewAndNoMore() {
        assertThat(rejection(NOW.plusSeconds(600), NOW.plusSeconds(30))).isNull();
        assertThat(rejection(NOW.plusSeconds(600), NOW.plusSeconds(31)))
                .isEqualTo(TokenRejection.NOT_YET_VALID.description());
    }

    @Test
    void timeComesFromTheInjectedClock() {
        assertThat(rejection(NOW.plusSeconds(60), null)).isNull();

        clock.advance(Duration.ofSeconds(90));

        assertThat(rejection(NOW.plusSeconds(60), null)).isEqualTo(TokenRejection.EXPIRED.description());
    }
}
