package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.token.JwksKeySource.KeySetStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeySetHealthTest {

    private static final Instant EARLIER = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant LATER = EARLIER.plusSeconds(300);

    @Test
    void keysNeverFetchedAreNotUsedYet() {
        assertThat(KeySetHealth.of(new KeySetStatus("corp", 0, null, null))).isEqualTo(KeySetHealth.NOT_USED_YET);
    }

    @Test
    void aSuccessfulLastFetchIsOk() {
        assertThat(KeySetHealth.of(new KeySetStatus("corp", 2, LATER, null))).isEqualTo(KeySetHealth.OK);
        assertThat(KeySetHealth.of(new KeySetStatus("corp", 2, LATER, EARLIER))).isEqualTo(KeySetHealth.OK);
    }

    @Test
    void aFailedRefreshWithCachedKeysIsDegraded() {
        assertThat(KeySetHealth.of(new KeySetStatus("corp", 2, EARLIER, LATER))).isEqualTo(KeySetHealth.DEGRADED);
    }

    @Test
    void keysThatWereNeverReadAreUnavailable() {
        assertThat(KeySetHealth.of(new KeySetStatus("corp", 0, null, LATER))).isEqualTo(KeySetHealth.UNAVAILABLE);
    }
}
