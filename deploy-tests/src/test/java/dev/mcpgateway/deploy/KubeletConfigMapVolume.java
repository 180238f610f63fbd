package dev.mcpgateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A ConfigMap volume laid out and updated the way the kubelet's atomic writer does it: each key is a symlink
 * {@code key -> ..data/key}; {@code ..data} points at a timestamped directory {@code ..2026_12_01_10_00_00.1}. An
 * update writes a new timestamped directory, points a temporary symlink at it, renames that over {@code ..data} (the
 * one atomic step), and removes the old directory.
 */
final class KubeletConfigMapVolume {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss");

    private final Path directory;
    private final AtomicInteger version = new AtomicInteger();

    KubeletConfigMapVolume(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** Publishes {@code files} (key to content) as the volume's new content. */
    void publish(Map<String, String> files) {
        try {
            Path next = Files.createDirectory(
                    directory.resolve(".." + LocalDateTime.now().format(TIMESTAMP) + "." + version.incrementAndGet()));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(next.resolve(file.getKey()), file.getValue());
            }
            Path data = directory.resolve("..data");
            Path previous = Files.isSymbolicLink(data) ? directory.resolve(Files.readSymbolicLink(data)) : null;
            Path temporary = directory.resolve("..data_tmp");
            Files.createSymbolicLink(temporary, next.getFileName());
            Files.move(temporary, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (String key : files.keySet()) {
                Path link = directory.resolve(key);
                if (!Files.isSymbolicLink(link)) {
                    Files.createSymbolicLink(link, Path.of("..data", key));
                }
            }
            if (previous != null) {
                deleteRecursively(previous);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
