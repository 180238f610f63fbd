package dev.mcpgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.RateLimitPlan;
import dev.mcpgateway.ratelimit.Consumption.Verdict;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalBucketStoreTest {

    private static final RateLimitPlan TWO_THEN_ONE_PER_5S = new RateLimitPlan(2, 1, Duration.ofSeconds(5));

    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter time = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    @Test
    void capacityRequestsPassThenTheBucketRefusesUntilATokenIsBack() {
        LocalBucketStore store = new LocalBucketStore(100, time);
        assertThat(store.tryConsumeNow("k", TWO_THEN_ONE_PER_5S).remaining()).isEqualTo(1);
        assertThat(store.tryConsumeNow("k", TWO_THEN_ONE_PER_5S).remaining()).isZero();
        Consumption refused = store.tryConsumeNow("k", TWO_THEN_ONE_PER_5S);
        assertThat(refused.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(Duration.ofNanos(refused.nanosToRetry())).isEqualTo(Duration.ofSeconds(5));

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(store.tryConsumeNow("k", TWO_THEN_ONE_PER_5S).verdict()).isEqualTo(Verdict.CONSUMED);
        assertThat(store.tryConsumeNow("k", TWO_THEN_ONE_PER_5S).verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void consumedAnswerSaysWhenTheBucketIsFullAgain() {
        LocalBucketStore store = new LocalBucketStore(100, time);
        assertThat(Duration.ofNanos(
                        store.tryConsumeNow("k", TWO_THEN_ONE_PER_5S).nanosToFull()))
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refundGivesTheTokenBackButNeverBeyondCapacity() {
        LocalBucketStore store = new LocalBucketStore(100, time);
        store.tryConsumeNow("k", TWO_THEN_ONE_PER_5S);
        store.tryConsumeNow("k", TWO_THEN_ONE_PER_5S);
        store.refund("k");
        assertThat(store.tryConsumeNow("k", TWO_THEN_ONE_PER_5S).remaining()).isZero();
        store.refund("k");
        store.refund("k");
        store.refund("k");
        assertThat(store.tryConsumeNow("k", TWO_THEN_ONE_PER_5S).remaining()).isEqualTo(1);
        store.refund("unknown");
    }

    @Test
    void bucketsAreIndependentAndTheCacheIsBounded() {
        LocalBucketStore store = new LocalBucketStore(10, time);
        for (int i = 0; i < 1000; i++) {
            assertThat(store.tryConsumeNow("key-" + i, TWO_THEN_ONE_PER_5S).consumed())
                    .isTrue();
        }
        assertThat(store.size()).isLessThanOrEqualTo(10);
    }
}
