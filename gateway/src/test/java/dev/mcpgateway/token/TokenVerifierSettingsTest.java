package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenVerifierSettingsTest {

    private static final Duration S = Duration.ofSeconds(1);

    @Test
    void defaultsAreTheDocumentedValues() {
        assertThat(TokenVerifierSettings.defaults())
                .isEqualTo(new TokenVerifierSettings(
                        Duration.ofSeconds(60),
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(30),
                        10_000,
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(5)));
    }

    @Test
    void clockSkewAboveSixtySecondsIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TokenVerifierSettings(Duration.ofSeconds(61), S, S, 1, S, S))
                .withMessageContaining("clockSkew");
    }

    @Test
    void zeroClockSkewIsAllowed() {
        assertThat(new TokenVerifierSettings(Duration.ZERO, S, S, 1, S, S).clockSkew())
                .isZero();
    }

    @Test
    void negativeOrZeroIntervalsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenVerifierSettings(S.negated(), S, S, 1, S, S));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenVerifierSettings(S, Duration.ZERO, S, 1, S, S));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenVerifierSettings(S, S, Duration.ZERO, 1, S, S));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenVerifierSettings(S, S, S, -1, S, S));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenVerifierSettings(S, S, S, 1, S.negated(), S));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenVerifierSettings(S, S, S, 1, S, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenVerifierSettings(null, S, S, 1, S, S));
    }
}
