package dev.mcpgateway.mrtr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The sealer comes from the configured key, or from the shared key, read once and refused while unreadable. */
class SealerSourceTest {

    private static final byte[] KEY = new byte[32];

    @Test
    void aConfiguredKeyNeedsNoStore() {
        RequestStateSealer sealer = sealer(KEY);

        assertThat(SealerSource.fixed(sealer).get().block()).isSameAs(sealer);
    }

    @Test
    void theSharedKeyIsReadOnceAndKept() {
        AtomicInteger reads = new AtomicInteger();
        SealerSource source = SealerSource.shared(
                () -> Mono.fromSupplier(() -> {
                    reads.incrementAndGet();
                    return KEY;
                }),
                SealerSourceTest::sealer);

        RequestStateSealer first = source.get().block();
        RequestStateSealer second = source.get().block();

        assertThat(second).isSameAs(first);
        assertThat(reads).hasValue(1);
    }

    @Test
    void anUnreadableSharedKeyIsAnErrorAndIsTriedAgainNextTime() {
        AtomicInteger reads = new AtomicInteger();
        SealerSource source = SealerSource.shared(
                () -> reads.incrementAndGet() == 1
                        ? Mono.error(new IllegalStateException("Redis is down"))
                        : Mono.just(KEY),
                SealerSourceTest::sealer);

        assertThatThrownBy(() -> source.get().block()).hasMessageContaining("Redis is down");
        assertThat(source.get().block()).isNotNull();
        assertThat(reads).hasValue(2);
    }

    private static RequestStateSealer sealer(byte[] key) {
        return new RequestStateSealer(key, Duration.ofMinutes(10), Clock.systemUTC(), new SecureRandom());
    }
}
