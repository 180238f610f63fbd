package dev.mcpgateway.load.streams;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to the streams a {@link StreamHolder} asked for: opened (the priming event arrived), refused
 * (by reason: an HTTP status, a timeout, a connection error) and ended early (closed by the server after opening).
 * Precise counts are the point: a stream-memory figure means nothing unless every stream is known to be open.
 */
public final class StreamTally {

    private final LongAdder opened = new LongAdder();
    private final LongAdder endedAfterOpening = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    void opened() {
        opened.increment();
    }

    void ended() {
        endedAfterOpening.increment();
    }

    void failed(String reason) {
        failures.computeIfAbsent(reason, key -> new LongAdder()).increment();
    }

    public long openedCount() {
        return opened.sum();
    }

    public long endedAfterOpeningCount() {
        return endedAfterOpening.sum();
    }

    /** Streams open now: opened and not ended since. */
    public long openNow() {
        return opened.sum() - endedAfterOpening.sum();
    }

    public long failedCount() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Failure reason to count, sorted by reason. */
    public Map<String, Long> failuresByReason() {
        Map<String, Long> copy = new TreeMap<>();
        failures.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }

    /** One line a script can parse: {@code opened=N open=N ended=N failed=N reasons={...}}. */
    public String summary() {
        return "opened=" + openedCount() + " open=" + openNow() + " ended=" + endedAfterOpeningCount() + " failed="
                + failedCount() + " reasons=" + failuresByReason();
    }
}
