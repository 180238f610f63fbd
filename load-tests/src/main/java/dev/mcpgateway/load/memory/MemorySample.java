package dev.mcpgateway.load.memory;

import dev.mcpgateway.load.Args;
import dev.mcpgateway.load.ToolOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM process holds, read from outside it: the live heap (the total of {@code jcmd GC.class_histogram},
 * which runs a full collection first, so only reachable objects count), the resident set ({@code VmRSS} of
 * {@code /proc/<pid>/status}) and, when the process runs with {@code -XX:NativeMemoryTracking}, the committed total
 * of {@code jcmd VM.native_memory summary}. A figure that cannot be read (or a {@code jcmd} that gets no answer within
 * two minutes) is {@code -1}, never a guess.
 *
 * @param liveHeapBytes bytes of reachable objects after a full GC
 * @param rssBytes      resident set size
 * @param nmtCommittedBytes native memory tracking's committed total, or {@code -1} when tracking is off
 */
public record MemorySample(long liveHeapBytes, long rssBytes, long nmtCommittedBytes) {

    private static final long JCMD_TIMEOUT_SECONDS = 120;
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+)\\s+kB");
    private static final Pattern NMT_TOTAL = Pattern.compile("(?m)^Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    /** {@code memory --pid=N}: prints {@code live_heap_bytes=… rss_bytes=… nmt_committed_bytes=…}. */
    public static void main(Args args) throws IOException, InterruptedException {
        ToolOutput.line(take(Long.parseLong(args.required("pid"))).line());
    }

    /** Samples process {@code pid} (a JVM the current user may attach to) with the {@code jcmd} of this JDK. */
    public static MemorySample take(long pid) throws IOException, InterruptedException {
        long heap = firstGroup(HISTOGRAM_TOTAL, jcmd(pid, "GC.class_histogram"), 2, 1);
        long rss = firstGroup(VM_RSS, Files.readString(Path.of("/proc", Long.toString(pid), "status")), 1, 1024);
        long nmt = firstGroup(NMT_TOTAL, jcmd(pid, "VM.native_memory", "summary"), 2, 1024);
        return new MemorySample(heap, rss, nmt);
    }

    /** The form {@code stream-memory.sh} reads. */
    public String line() {
        return "live_heap_bytes=" + liveHeapBytes + " rss_bytes=" + rssBytes + " nmt_committed_bytes="
                + nmtCommittedBytes;
    }

    private static long firstGroup(Pattern pattern, String text, int group, long unit) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(group)) * unit : -1;
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line =
                new ArrayList<>(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid)));
        line.addAll(List.of(command));
        // Through a file, so a JVM too busy to answer (a full heap) costs a bounded wait, not a blocked read.
        Path output = Files.createTempFile("jcmd", ".txt");
        try {
            Process process = new ProcessBuilder(line)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
