package dev.mcpgateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a rate-limit store outage without flooding the log: one warning when it starts, at most one
 * reminder per {@link #REMINDER_INTERVAL} while it lasts (with the number of failed operations), and
 * one line when the store answers again. Every request during an outage fails the same way; one
 * line per request would bury everything else.
 */
final class StoreOutageLog {

    static final Duration REMINDER_INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(StoreOutageLog.class);

    private final Clock clock;
    /** Guarded by {@code this}; {@code null} while the store answers. */
    private volatile @Nullable Outage outage;

    StoreOutageLog(Clock clock) {
        this.clock = clock;
    }

    void failure(String store, String policy, Throwable error) {
        synchronized (this) {
            Instant now = clock.instant();
            Outage current = outage;
            if (current == null) {
                outage = new Outage(now, now, 1);
                log.warn(
                        "Rate-limit store {} is unavailable ({}); requests are {} until it answers again "
                                + "(gateway.rate-limit-on-store-failure)",
                        store,
                        describe(error),
                        policy);
                return;
            }
            long failures = current.failures() + 1;
            if (now.isBefore(current.lastLogged().plus(REMINDER_INTERVAL))) {
                outage = new Outage(current.since(), current.lastLogged(), failures);
                return;
            }
            outage = new Outage(current.since(), now, failures);
            log.warn(
                    "Rate-limit store {} is still unavailable after {}s ({} failed operations; last: {}); requests are {}",
                    store,
                    Duration.between(current.since(), now).toSeconds(),
                    failures,
                    describe(error),
                    policy);
        }
    }

    void success(String store) {
        if (outage == null) {
            return;
        }
        synchronized (this) {
            Outage ended = outage;
            if (ended != null) {
                outage = null;
                log.info(
                        "Rate-limit store {} answers again after {}s ({} failed operations)",
                        store,
                        Duration.between(ended.since(), clock.instant()).toSeconds(),
                        ended.failures());
            }
        }
    }

    /** Forgets an outage without logging its end, e.g. when the store is replaced. */
    synchronized void reset() {
        outage = null;
    }

    boolean inOutage() {
        return outage != null;
    }

    /** The exception type and message only: never a stack trace per request. */
    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private record Outage(Instant since, Instant lastLogged, long failures) {}
}
