package dev.mcpgateway.token;

import static dev.mcpgateway.token.TestTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** {@code max-token-lifetime}: {@code exp - iat} beyond the limit is refused with a clear description. */
class TokenLifetimeValidatorTest {

    private final TokenLifetimeValidator fifteenMinutes = new TokenLifetimeValidator(Duration.ofMinutes(15));

    @Test
    void tokenWithinTheLimitIsAccepted() {
        assertThat(fifteenMinutes
                        .validate(jwt(NOW, NOW.plus(Duration.ofMinutes(10))))
                        .hasErrors())
                .isFalse();
    }

    @Test
    void tokenExactlyAtTheLimitIsAccepted() {
        assertThat(fifteenMinutes
                        .validate(jwt(NOW, NOW.plus(Duration.ofMinutes(15))))
                        .hasErrors())
                .isFalse();
    }

    @Test
    void tokenOneSecondOverTheLimitIsRejected() {
        assertRejected(
                fifteenMinutes.validate(
                        jwt(NOW, NOW.plus(Duration.ofMinutes(15)).plusSeconds(1))),
                TokenRejection.LIFETIME_TOO_LONG);
    }

    @Test
    void dayLongTokenIsRejectedWithAClearDescription() {
        OAuth2TokenValidatorResult result = fifteenMinutes.validate(jwt(NOW, NOW.plus(Duration.ofDays(1))));
        assertThat(result.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getErrorCode()).isEqualTo("invalid_token");
            assertThat(error.getDescription())
                    .isEqualTo("The access token lifetime exceeds the maximum this resource accepts");
        });
    }

    @Test
    void tokenWithoutIssueTimeIsRejectedBecauseItsLifetimeIsUnknown() {
        assertRejected(fifteenMinutes.validate(jwt(null, NOW.plusSeconds(60))), TokenRejection.MISSING_ISSUE_TIME);
    }

    @Test
    void limitMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenLifetimeValidator(Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenLifetimeValidator(null));
    }

    private static Jwt jwt(Instant issuedAt, Instant expiresAt) {
        Jwt.Builder builder =
                Jwt.withTokenValue("t").header("alg", "RS256").subject("alice").expiresAt(expiresAt);
        if (issuedAt != null) {
            builder.issuedAt(issuedAt);
        }
        return builder.build();
    }

    private static void assertRejected(OAuth2TokenValidatorResult result, TokenRejection expected) {
        assertThat(result.getErrors())
                .singleElement()
                .satisfies(error -> assertThat(error.getDescription()).isEqualTo(expected.description()));
    }
}
