package dev.mcpgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class StoreOutageLogTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final StoreOutageLog outageLog = new StoreOutageLog(new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @Test
    void anOutageIsLoggedOnceThenAtMostOncePerMinuteThenItsEnd(CapturedOutput output) {
        for (int i = 0; i < 1000; i++) {
            outageLog.failure("redis://r:6379", "allowed", new IOException("Connection refused"));
        }
        assertThat(occurrences(output, "is unavailable (IOException: Connection refused)"))
                .isEqualTo(1);
        assertThat(outageLog.inOutage()).isTrue();

        now = now.plus(StoreOutageLog.REMINDER_INTERVAL);
        outageLog.failure("redis://r:6379", "allowed", new IOException("Connection refused"));
        outageLog.failure("redis://r:6379", "allowed", new IOException("Connection refused"));
        assertThat(occurrences(output, "is still unavailable after 60s (1001 failed operations"))
                .isEqualTo(1);

        now = now.plus(Duration.ofSeconds(5));
        outageLog.success("redis://r:6379");
        outageLog.success("redis://r:6379");
        assertThat(occurrences(output, "answers again after 65s (1002 failed operations)"))
                .isEqualTo(1);
        assertThat(outageLog.inOutage()).isFalse();
    }

    @Test
    void theRootCauseIsLoggedWithoutAStackTrace(CapturedOutput output) {
        outageLog.failure(
                "redis://r:6379",
                "refused with 503",
                new IllegalStateException("wrapper", new java.util.concurrent.TimeoutException("slow")));
        assertThat(output.getOut())
                .contains("(TimeoutException: slow); requests are refused with 503")
                .doesNotContain("\tat ");
    }

    private static int occurrences(CapturedOutput output, String text) {
        return output.getOut().split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }
}
